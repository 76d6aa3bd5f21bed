package ru.ksamu.hub.installations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import ru.ksamu.hub.HubContractSupport;
import ru.ksamu.hub.HubHttp;
import ru.ksamu.hub.LocalHttp;
import ru.ksamu.hub.TestHub;
import ru.ksamu.release.signing.SigningKeyPair;
import tools.jackson.databind.JsonNode;

/**
 * Statistics reports of KSAMU servers, signed by each installation's own key, and the vendor's list
 * of installations, on each kind of hub database. Each test sends from its own loopback address
 * (127.0.3.N), so the registrations per address of one test never count against another's.
 */
public abstract class InstallationsContract extends HubContractSupport {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Autowired
    private JdbcTemplate jdbcTemplate;
    private final InetAddress from = loopback(3, ADDRESSES.incrementAndGet());

    static String report(String installed, String state) {
        return "{\"region\":\"09\",\"installedVersion\":\"" + installed + "\",\"serverVersion\":\"0.1.0-SNAPSHOT\","
                + "\"tasks\":[{\"type\":\"BACKUP\",\"state\":\"" + state + "\",\"finishedAt\":\"2026-11-25T03:00:12Z\"},"
                + "{\"type\":\"KSAMU_UPDATE\",\"state\":null,\"finishedAt\":null}],"
                + "\"patientName\":\"never stored\"}";
    }

    HubHttp.Reply send(Clinic.Signed report) {
        return send(from, report);
    }

    HubHttp.Reply send(InetAddress address, Clinic.Signed report) {
        return send(address, report.id().toString(), report.body(), report.headers());
    }

    HubHttp.Reply send(InetAddress address, String id, byte[] body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return LocalHttp.send(address, loopback(0, 1), port, "POST", "/api/v1/installations/" + id + "/stats", body, all);
    }

    HubHttp.Reply list(String query, String token) {
        return token == null ? hub().get("/api/v1/installations" + query)
                : hub().get("/api/v1/installations" + query, "Authorization", "Bearer " + token);
    }

    JsonNode listed(UUID id) {
        for (int page = 0; ; page++) {
            JsonNode items = list("?size=500&page=" + page, TestHub.TOKEN).json().get("items");
            if (items.isEmpty()) {
                return null;
            }
            for (JsonNode n : items) {
                if (n.get("installationId").asString().equals(id.toString())) {
                    return n;
                }
            }
        }
    }

    /** As if the installation's last report came an hour ago: the next is not too soon. */
    void lastReportAnHourAgo(UUID id) {
        jdbc.sql("UPDATE installation_stats SET received_at = ? WHERE installation_id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), id.toString()).update();
    }

    static void assertRefused(HubHttp.Reply reply, int status, String code) {
        assertProblem(reply, status, code);
    }

    /** Issue L: a report's lock window of the last major update is stored and listed; a later report without one keeps it. */
    @Test
    void theLastMajorUpdatesLockWindowIsStoredListedAndKeptAndAnInvalidOneRefused() {
        Clinic clinic = new Clinic();
        String withLock = report("6.0.52.1", "DONE").replace(",\"patientName\"", ",\"lastMajorUpdate\":{\"version\":\"6.0.52.1\","
                + "\"backupMode\":\"restore-point\",\"lockedMs\":1200,\"migrationMs\":900,\"recoveryMs\":15,"
                + "\"at\":\"2026-12-07T21:30:00Z\"},\"patientName\"");
        HubHttp.Reply first = send(clinic.sign(withLock));
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        JsonNode lock = listed(clinic.id).get("lastMajorUpdate");
        assertThat(lock.get("version").asString()).isEqualTo("6.0.52.1");
        assertThat(lock.get("backupMode").asString()).isEqualTo("restore-point");
        assertThat(lock.get("lockedMs").asLong()).isEqualTo(1200);
        assertThat(lock.get("migrationMs").asLong()).isEqualTo(900);
        assertThat(lock.get("recoveryMs").asLong()).isEqualTo(15);

        lastReportAnHourAgo(clinic.id);
        HubHttp.Reply second = send(clinic.sign(report("6.0.52.1", "DONE")));
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        assertThat(listed(clinic.id).get("lastMajorUpdate").get("lockedMs").asLong()).isEqualTo(1200);

        lastReportAnHourAgo(clinic.id);
        HubHttp.Reply negative = send(clinic.sign(withLock.replace("\"lockedMs\":1200", "\"lockedMs\":-5")));
        assertThat(negative.status()).as(negative.text()).isEqualTo(400);
    }

    @Test
    void firstSignedReportRegistersLaterOnesReplaceItAndTheListShowsVersions() {
        Clinic clinic = new Clinic();
        HubHttp.Reply first = send(clinic.sign(report("6.0.51.22965", "DONE")));
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(first.json().get("outcome").asString()).isEqualTo("REGISTERED");
        JsonNode n = listed(clinic.id);
        assertThat(n.get("keyId").asString()).isEqualTo(clinic.keys.trustedKey().keyId());
        assertThat(n.get("region").asString()).isEqualTo("09");
        assertThat(n.get("installedVersion").asString()).isEqualTo("6.0.51.22965");
        assertThat(n.get("serverVersion").asString()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(n.get("reports").asLong()).isEqualTo(1);
        assertThat(n.get("tasks").get(0).get("type").asString()).isEqualTo("BACKUP");
        assertThat(list("?size=500", TestHub.TOKEN).text()).doesNotContain("never stored");

        HubHttp.Reply tooSoon = send(clinic.sign(report("6.0.51.22966", "FAILED")));
        assertRefused(tooSoon, 429, "TOO_OFTEN");
        assertThat(tooSoon.header("Retry-After")).isPresent();

        lastReportAnHourAgo(clinic.id);
        HubHttp.Reply second = send(clinic.sign(report("6.0.51.22966", "FAILED")));
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        assertThat(second.json().get("outcome").asString()).isEqualTo("UPDATED");
        n = listed(clinic.id);
        assertThat(n.get("installedVersion").asString()).isEqualTo("6.0.51.22966");
        assertThat(n.get("tasks").get(0).get("state").asString()).isEqualTo("FAILED");
        assertThat(n.get("reports").asLong()).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM installation_stats WHERE installation_id = ?", clinic.id.toString())).isEqualTo(1);
    }

    @Test
    void aSquatterWithAnotherKeyCannotReportForAnId() {
        Clinic clinic = new Clinic();
        SigningKeyPair squatter = SigningKeyPair.generate();
        // Before the installation ever reported: its id cannot be taken.
        assertRefused(send(Clinic.signAs(squatter, clinic.id, report("6.0.51.1", "DONE"), Instant.now())), 403, "WRONG_KEY");
        assertThat(listed(clinic.id)).isNull();

        assertThat(send(clinic.sign(report("6.0.51.1", "DONE"))).status()).isEqualTo(201);
        lastReportAnHourAgo(clinic.id);
        // After it: neither with the squatter's own key nor with the installation's public key beside a squatter's signature.
        assertRefused(send(Clinic.signAs(squatter, clinic.id, report("6.0.51.2", "DONE"), Instant.now())), 403, "WRONG_KEY");
        Clinic.Signed forged = Clinic.signAs(squatter, clinic.id, report("6.0.51.2", "DONE"), Instant.now())
                .withHeader("X-Ksamu-Installation-Public-Key", clinic.keys.trustedKey().toText());
        assertRefused(send(forged), 403, "WRONG_KEY");
        assertThat(listed(clinic.id).get("installedVersion").asString()).isEqualTo("6.0.51.1");
        assertThat(listed(clinic.id).get("reports").asLong()).isEqualTo(1);
    }

    @Test
    void aReplayedSignedReportIsRefused() {
        Clinic clinic = new Clinic();
        Instant sent = Instant.now().minusSeconds(120);
        Clinic.Signed original = clinic.sign(report("6.0.51.1", "DONE"), sent);
        assertThat(send(original).status()).isEqualTo(201);

        assertRefused(send(original), 409, "REPLAYED");
        lastReportAnHourAgo(clinic.id);
        assertRefused(send(original), 409, "REPLAYED");
        assertRefused(send(clinic.sign(report("6.0.51.2", "DONE"), sent.minusSeconds(1))), 409, "REPLAYED");
        assertThat(listed(clinic.id).get("reports").asLong()).isEqualTo(1);

        assertThat(send(clinic.sign(report("6.0.51.2", "DONE"), sent.plusMillis(1))).status()).isEqualTo(200);
        assertThat(listed(clinic.id).get("installedVersion").asString()).isEqualTo("6.0.51.2");
    }

    @Test
    void aReportWithATamperedBodyTimeOrIdIsRefused() {
        Clinic clinic = new Clinic();
        Clinic.Signed signed = clinic.sign(report("6.0.51.1", "DONE"));
        assertRefused(send(signed.withBody(report("6.0.51.9", "DONE"))), 403, "WRONG_KEY");
        assertRefused(send(signed.withHeader("X-Ksamu-Sent-At", Instant.now().plusSeconds(1).toString())), 403, "WRONG_KEY");
        assertRefused(send(signed.forId(new Clinic().id)), 403, "WRONG_KEY");
        assertThat(listed(clinic.id)).isNull();
        assertThat(send(signed).status()).isEqualTo(201);
    }

    @Test
    void aReportSentFarFromTheHubsClockIsRefused() {
        Clinic clinic = new Clinic();
        assertRefused(send(clinic.sign(report("6.0.51.1", "DONE"), Instant.now().minus(11, ChronoUnit.MINUTES))), 409, "CLOCK_SKEW");
        assertRefused(send(clinic.sign(report("6.0.51.1", "DONE"), Instant.now().plus(11, ChronoUnit.MINUTES))), 409, "CLOCK_SKEW");
        assertThat(listed(clinic.id)).isNull();
        assertThat(send(clinic.sign(report("6.0.51.1", "DONE"), Instant.now().minus(9, ChronoUnit.MINUTES))).status()).isEqualTo(201);
    }

    @Test
    void theOldSecretKeyHeaderIsRefusedAndAsksForAServerUpdate() {
        Clinic clinic = new Clinic();
        byte[] body = report("6.0.51.1", "DONE").getBytes(StandardCharsets.UTF_8);
        HubHttp.Reply old = send(from, UUID.randomUUID().toString(), body,
                "X-Ksamu-Installation-Key", "k3y-of-this-installation-0123456789abcdef");
        assertRefused(old, 400, "OUTDATED_SERVER");
        assertThat(old.json().get("message").asString()).contains("обновите Сервер КСАМУ");
        assertThat(old.json().get("messageEn").asString()).contains("update the KSAMU server");
        Clinic.Signed signed = clinic.sign(report("6.0.51.1", "DONE"));
        String[] both = new String[signed.headers().length + 2];
        System.arraycopy(signed.headers(), 0, both, 0, signed.headers().length);
        both[both.length - 2] = "X-Ksamu-Installation-Key";
        both[both.length - 1] = "k3y-of-this-installation-0123456789abcdef";
        assertRefused(send(from, clinic.id.toString(), signed.body(), both), 400, "OUTDATED_SERVER");
        assertThat(listed(clinic.id)).isNull();
    }

    @Test
    void missingOrMalformedProofHeadersAndBadReportsAreRefused() {
        Clinic clinic = new Clinic();
        Clinic.Signed good = clinic.sign(report("6.0.51.1", "DONE"));
        for (int drop = 0; drop < 6; drop += 2) {
            List<String> headers = new ArrayList<>(List.of(good.headers()));
            String name = headers.remove(drop);
            headers.remove(drop);
            HubHttp.Reply missing = send(from, clinic.id.toString(), good.body(), headers.toArray(String[]::new));
            assertRefused(missing, 400, "MISSING_SIGNATURE_HEADER");
            assertThat(missing.json().get("message").asString()).contains(name);
        }
        assertRefused(send(good.withHeader("X-Ksamu-Installation-Public-Key", "0123456789abcdef AAAA")), 400, "MALFORMED_SIGNATURE_HEADER");
        assertRefused(send(good.withHeader("X-Ksamu-Signature", "not a signature")), 400, "MALFORMED_SIGNATURE_HEADER");
        assertRefused(send(good.withHeader("X-Ksamu-Sent-At", "yesterday")), 400, "MALFORMED_SIGNATURE_HEADER");
        assertRefused(send(from, "not-a-uuid", good.body(), good.headers()), 400, "INVALID_ARGUMENT");
        assertRefused(send(clinic.sign("{\"serverVersion\":\"1\",\"region\":\"Москва\"}")), 400, "INVALID_REPORT");
        assertRefused(send(clinic.sign("not json")), 400, "INVALID_REPORT");
        assertRefused(send(clinic.sign(report("6.0.51.1", "DONE").replace("\"never stored\"", "\"" + "x".repeat(70_000) + "\""))),
                413, "SIZE_LIMIT");
        assertThat(listed(clinic.id)).isNull();
        // other changes still need the publisher's token
        assertThat(hub().post("/api/v1/installations/" + clinic.id, null).status()).isEqualTo(401);
    }

    @Test
    void anInstallationOfTheFirstSchemeStaysListedButTakesNoMoreReports() {
        UUID legacy = UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        jdbc.sql("INSERT INTO installation_stats (installation_id, key_sha256, region, installed_version, server_version,"
                        + " tasks, first_seen_at, received_at, reports) VALUES (?, ?, '09', '6.0.50.1', '0.0.9', '[]', ?, ?, 3)")
                .params(legacy.toString(), "ab".repeat(32), at, at).update();
        JsonNode n = listed(legacy);
        assertThat(n.get("keyId").isNull()).isTrue();
        assertThat(n.get("installedVersion").asString()).isEqualTo("6.0.50.1");

        assertRefused(send(Clinic.signAs(SigningKeyPair.generate(), legacy, report("6.0.51.1", "DONE"), Instant.now())),
                403, "WRONG_KEY");
        assertThat(listed(legacy).get("reports").asLong()).isEqualTo(3);
    }

    @Test
    void theTwentyFirstNewInstallationFromOneAddressWithinTheWindowIsRefused() {
        InetAddress busy = loopback(2, ADDRESSES.incrementAndGet());
        InetAddress other = loopback(2, ADDRESSES.incrementAndGet());
        List<Clinic> registered = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Clinic clinic = new Clinic();
            HubHttp.Reply r = send(busy, clinic.sign(report("6.0.51.1", "DONE")));
            assertThat(r.status()).as("registration " + (i + 1) + ": " + r.text()).isEqualTo(201);
            registered.add(clinic);
        }
        Clinic twentyFirst = new Clinic();
        HubHttp.Reply refused = send(busy, twentyFirst.sign(report("6.0.51.1", "DONE")));
        assertRefused(refused, 429, "TOO_MANY_REGISTRATIONS");
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(86_000L, 86_401L);
        assertThat(refused.json().get("message").asString()).contains(busy.getHostAddress()).contains("20");
        assertThat(listed(twentyFirst.id)).isNull();

        // Installations already registered from that address still report; other addresses still register.
        lastReportAnHourAgo(registered.get(0).id);
        assertThat(send(busy, registered.get(0).sign(report("6.0.51.2", "DONE"))).status()).isEqualTo(200);
        assertThat(send(other, new Clinic().sign(report("6.0.51.1", "DONE"))).status()).isEqualTo(201);

        // Once the window has passed the oldest registration, the address may register again.
        jdbc.sql("UPDATE installation_stats SET first_seen_at = ? WHERE installation_id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusHours(25), registered.get(0).id.toString()).update();
        assertThat(send(busy, twentyFirst.sign(report("6.0.51.1", "DONE"))).status()).isEqualTo(201);
        assertRefused(send(busy, new Clinic().sign(report("6.0.51.1", "DONE"))), 429, "TOO_MANY_REGISTRATIONS");
    }

    @Test
    void theListNeedsThePublishersTokenAndValidPaging() {
        assertRefused(list("", null), 401, "HUB_UNAUTHORIZED");
        assertRefused(list("?page=0&size=10", "wrong-token-0123456789abcdef0123456789"), 401, "HUB_UNAUTHORIZED");
        assertThat(list("", TestHub.TOKEN).status()).isEqualTo(200);
        for (String bad : new String[] {"size=0", "size=501", "size=-5", "size=abc", "page=-1", "page=x"}) {
            HubHttp.Reply r = list("?" + bad, TestHub.TOKEN);
            assertRefused(r, 400, "INVALID_ARGUMENT");
            assertThat(r.json().get("message").asString()).as(bad).contains(bad.substring(0, bad.indexOf('=')));
        }
    }

    @Test
    void twoThousandRegistrationsListPageByPageNewestFirst() {
        OffsetDateTime base = OffsetDateTime.of(2001, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            // Three installations per second: the order must fall back on the id.
            OffsetDateTime at = base.plusSeconds(i / 3);
            rows.add(new Object[] {UUID.randomUUID().toString(), "cd".repeat(32), at, at});
        }
        jdbcTemplate.batchUpdate(
                "INSERT INTO installation_stats (installation_id, key_sha256, server_version, tasks, first_seen_at, received_at,"
                        + " reports) VALUES (?, ?, '0.0.1', '[]', ?, ?, 1)", rows);

        JsonNode first = list("", TestHub.TOKEN).json();
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(50);
        assertThat(first.get("items").size()).isEqualTo(50);
        long total = first.get("total").asLong();
        assertThat(total).isGreaterThanOrEqualTo(2000);

        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode p = list("?page=" + page + "&size=500", TestHub.TOKEN).json();
            assertThat(p.get("total").asLong()).isEqualTo(total);
            int expected = (int) Math.max(0, Math.min(500, total - page * 500L));
            assertThat(p.get("items").size()).as("page " + page).isEqualTo(expected);
            if (expected == 0) {
                break;
            }
            p.get("items").forEach(all::add);
        }
        assertThat(all).hasSize((int) total);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            assertThat(ids.add(all.get(i).get("installationId").asString())).isTrue();
            if (i > 0) {
                Instant before = Instant.parse(all.get(i - 1).get("lastReportAt").asString());
                Instant now = Instant.parse(all.get(i).get("lastReportAt").asString());
                assertThat(now).isBeforeOrEqualTo(before);
                if (now.equals(before)) {
                    assertThat(all.get(i).get("installationId").asString())
                            .isGreaterThan(all.get(i - 1).get("installationId").asString());
                }
            }
        }
        rows.forEach(r -> assertThat(ids).contains((String) r[0]));
    }

    static InetAddress loopback(int third, int fourth) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) third, (byte) fourth});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
