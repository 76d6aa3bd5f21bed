package ru.ksamu.client.mis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.ksamu.client.ServerAccess;
import ru.ksamu.client.StandInServer;
import ru.ksamu.client.Texts;
import ru.ksamu.client.WorkstationToken;

/**
 * The patient list against a stand-in server: the workstation's token goes with the request, a
 * 401 says the workstation is not connected, and a list that stalls or never ends is given up
 * within the read timeout or at its bound, with the reason in words.
 */
class PatientsApiTest {

    static final Duration READ = Duration.ofSeconds(1);
    static final byte[] LIST_START = "{\"columns\":[\"id\",\"full_name\"],\"rows\":[".getBytes(StandardCharsets.UTF_8);

    final StandInServer standIn;

    PatientsApiTest() throws Exception {
        standIn = new StandInServer();
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    PatientsApi api(Optional<WorkstationToken> token) {
        return new PatientsApi(new ServerAccess(standIn.url(), new ServerAccess.Timeouts(READ, READ), token), Texts.of("ru"));
    }

    @Test
    void theWorkstationTokenGoesWithTheRequest() {
        standIn.route("/api/v1/mis/patients", (x, r) -> StandInServer.json(x, 200,
                "{\"columns\":[\"id\",\"full_name\"],\"rows\":[[1,\"Иванов Иван\"]]}"));
        PatientsApi.Answer a = api(WorkstationToken.parse("ws-token-1")).load();
        assertThat(a).isEqualTo(new PatientsApi.Table(java.util.List.of("id", "full_name"),
                java.util.List.of(java.util.List.of("1", "Иванов Иван"))));
        assertThat(standIn.requests("/api/v1/mis/patients")).singleElement()
                .satisfies(r -> assertThat(r.authorization()).isEqualTo("Bearer ws-token-1"));
    }

    @Test
    void a401SaysTheWorkstationIsNotConnected() {
        standIn.route("/api/v1/mis/patients", (x, r) -> StandInServer.json(x, 401,
                "{\"code\":\"WORKSTATION_REVOKED\",\"message\":\"Доступ отозван\"}"));
        assertThat(api(Optional.empty()).load()).isEqualTo(new PatientsApi.NotConnected("WORKSTATION_REVOKED"));
    }

    @Test
    void aListThatStallsMidBodyEndsWithinTheReadTimeoutWithTheReason() {
        standIn.route("/api/v1/mis/patients", (x, r) -> standIn.stall(x, LIST_START));
        PatientsApi.Answer a = assertTimeoutPreemptively(Duration.ofSeconds(6), () -> api(Optional.empty()).load());
        assertThat(a).isInstanceOfSatisfying(PatientsApi.Failed.class, f -> assertThat(f.reason())
                .isEqualTo("сервер перестал передавать данные: меньше 1,0 КБ за 1 с (получено 38 Б)"));
    }

    @Test
    void anEndlessListIsRefusedAtItsBound() {
        standIn.route("/api/v1/mis/patients", (x, r) -> standIn.endless(x, LIST_START, (byte) ' '));
        PatientsApi.Answer a = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> api(Optional.empty()).load());
        assertThat(a).isInstanceOfSatisfying(PatientsApi.Failed.class,
                f -> assertThat(f.reason()).isEqualTo("ответ сервера больше допустимых 16,0 МБ; чтение прервано"));
        assertThat(standIn.endlessBytes.get()).isLessThan(PatientsApi.MAX_LIST_BYTES + (16L << 20));
    }

    @Test
    void theNotConnectedMessageSaysWhatToDoInBothLanguages() {
        assertThat(Texts.of("ru").get("mis.patients.notConnected")).contains("не подключено к серверу КСАМУ")
                .contains("доступ отозван").contains("--enroll-code").contains("«Клиенты»");
        assertThat(Texts.of("en").get("mis.patients.notConnected")).contains("not connected to the KSAMU server")
                .contains("revoked").contains("--enroll-code");
    }
}
