package ru.ksamu.hub.installations;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.ksamu.hub.HubContractSupport.assertProblem;

import java.net.InetAddress;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import ru.ksamu.hub.HubContractSupport;
import ru.ksamu.hub.HubHttp;
import ru.ksamu.hub.LocalHttp;
import ru.ksamu.hub.TestHub;
import ru.ksamu.release.signing.SigningKeyPair;
import tools.jackson.databind.JsonNode;

/**
 * Update reports of KSAMU servers (issue 22 point 2), signed by each installation's key: kept once
 * per (installation, job) for a registered installation, listed for the vendor, and refused when
 * unsigned, tampered, for another installation, unregistered or too large. Written once, run per
 * database. Each test sends from its own loopback address (127.0.5.N).
 */
public abstract class UpdateReportsContract extends HubContractSupport {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private final InetAddress from = InstallationsContract.loopback(5, ADDRESSES.incrementAndGet());

    static String minor(long job) {
        return "{\"jobId\":" + job + ",\"fromVersion\":\"6.0.51.1\",\"toVersion\":\"6.0.51.2\",\"kind\":\"MINOR\","
                + "\"outcome\":\"DONE\",\"step\":\"Готово\",\"message\":null,\"startedAt\":\"2026-12-07T21:00:00Z\","
                + "\"finishedAt\":\"2026-12-07T21:00:09Z\",\"lockedMs\":null,\"migrationMs\":null,\"recoveryMs\":null,"
                + "\"backupMode\":null,\"region\":\"09\"}";
    }

    static String major(long job) {
        return "{\"jobId\":" + job + ",\"fromVersion\":\"6.0.51.2\",\"toVersion\":\"6.0.52.1\",\"kind\":\"MAJOR\","
                + "\"outcome\":\"FAILED\",\"step\":\"Миграция\",\"message\":\"Скрипт 3 упал\","
                + "\"startedAt\":\"2026-12-07T22:00:00Z\",\"finishedAt\":\"2026-12-07T22:10:00Z\",\"lockedMs\":1200,"
                + "\"migrationMs\":900,\"recoveryMs\":15,\"backupMode\":\"restore-point\",\"region\":\"09\"}";
    }

    HubHttp.Reply post(String kind, Clinic.Signed report) {
        String[] all = new String[report.headers().length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(report.headers(), 0, all, 2, report.headers().length);
        return LocalHttp.send(from, InstallationsContract.loopback(0, 1), port, "POST",
                "/api/v1/installations/" + report.id() + "/" + kind, report.body(), all);
    }

    /** Registers the clinic as its first statistics report does. */
    Clinic registered() {
        Clinic clinic = new Clinic();
        HubHttp.Reply stats = post("stats", clinic.sign(InstallationsContract.report("6.0.51.1", "DONE")));
        assertThat(stats.status()).as(stats.text()).isEqualTo(201);
        return clinic;
    }

    @Test
    void minorAndMajorReportsAreStoredOnceAndListedForTheVendorOnly() {
        Clinic clinic = registered();
        HubHttp.Reply first = post("updates", clinic.sign(minor(7)));
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(first.json().get("outcome").asString()).isEqualTo("STORED");
        assertThat(post("updates", clinic.sign(major(8))).status()).isEqualTo(201);
        // A retry after a lost answer: told it is here, not stored twice.
        HubHttp.Reply again = post("updates", clinic.sign(major(8)));
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().get("outcome").asString()).isEqualTo("ALREADY_STORED");
        assertThat(count("SELECT COUNT(*) FROM update_reports WHERE installation_id = ?", clinic.id.toString())).isEqualTo(2);

        String path = "/api/v1/installations/" + clinic.id + "/updates";
        assertProblem(hub().get(path), 401, "HUB_UNAUTHORIZED");
        JsonNode page = hub().get(path, "Authorization", "Bearer " + TestHub.TOKEN).json();
        assertThat(page.get("total").asLong()).isEqualTo(2);
        JsonNode majorRow = page.get("items").get(0);
        assertThat(majorRow.get("installationId").asString()).isEqualTo(clinic.id.toString());
        JsonNode m = majorRow.get("report");
        assertThat(m.get("jobId").asLong()).isEqualTo(8);
        assertThat(m.get("kind").asString()).isEqualTo("MAJOR");
        assertThat(m.get("outcome").asString()).isEqualTo("FAILED");
        assertThat(m.get("step").asString()).isEqualTo("Миграция");
        assertThat(m.get("message").asString()).isEqualTo("Скрипт 3 упал");
        assertThat(m.get("fromVersion").asString()).isEqualTo("6.0.51.2");
        assertThat(m.get("toVersion").asString()).isEqualTo("6.0.52.1");
        assertThat(m.get("lockedMs").asLong()).isEqualTo(1200);
        assertThat(m.get("migrationMs").asLong()).isEqualTo(900);
        assertThat(m.get("recoveryMs").asLong()).isEqualTo(15);
        assertThat(m.get("region").asString()).isEqualTo("09");
        assertThat(Instant.parse(m.get("startedAt").asString())).isEqualTo(Instant.parse("2026-12-07T22:00:00Z"));
        JsonNode n = page.get("items").get(1).get("report");
        assertThat(n.get("kind").asString()).isEqualTo("MINOR");
        assertThat(n.get("lockedMs").isNull()).isTrue();
        assertProblem(hub().get(path + "?size=0", "Authorization", "Bearer " + TestHub.TOKEN), 400, "INVALID_ARGUMENT");
    }

    @Test
    void unsignedTamperedForeignAndUnregisteredReportsAreRefused() {
        Clinic clinic = registered();
        Clinic.Signed good = clinic.sign(minor(1));
        assertProblem(post("updates", new Clinic.Signed(clinic.id, good.body(), new String[0])), 400, "MISSING_SIGNATURE_HEADER");
        assertProblem(post("updates", good.withBody(minor(1).replace("DONE", "FAILED"))), 403, "WRONG_KEY");
        // Another installation's id, signed with this one's key.
        Clinic other = registered();
        assertProblem(post("updates", Clinic.signAs(clinic.keys, other.id, minor(1), Instant.now())), 403, "WRONG_KEY");
        // Signed correctly, but never registered by its statistics.
        assertProblem(post("updates", new Clinic().sign(minor(1))), 403, "WRONG_KEY");
        assertProblem(post("updates", clinic.sign("{\"jobId\":0}")), 400, "INVALID_REPORT");
        assertThat(count("SELECT COUNT(*) FROM update_reports WHERE installation_id IN (?, ?)",
                clinic.id.toString(), other.id.toString())).isZero();
        assertThat(post("updates", good).status()).isEqualTo(201);
    }

    @Test
    void aReportLargerThanTheCapIsRefused() {
        Clinic clinic = registered();
        String huge = minor(3).replace("\"message\":null", "\"message\":\"" + "я".repeat(40_000) + "\"");
        assertProblem(post("updates", clinic.sign(huge)), 413, "SIZE_LIMIT");
        assertThat(count("SELECT COUNT(*) FROM update_reports WHERE installation_id = ?", clinic.id.toString())).isZero();
    }

    @Test
    void anotherKeyCannotReportForARegisteredId() {
        Clinic clinic = registered();
        SigningKeyPair squatter = SigningKeyPair.generate();
        assertProblem(post("updates", Clinic.signAs(squatter, clinic.id, minor(5), Instant.now())), 403, "WRONG_KEY");
    }
}
