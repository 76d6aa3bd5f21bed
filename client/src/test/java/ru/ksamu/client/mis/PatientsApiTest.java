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

/**
 * The patient list against a stand-in server: a list that stalls or never ends is given up
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

    PatientsApi api() {
        return new PatientsApi(new ServerAccess(standIn.url(), new ServerAccess.Timeouts(READ, READ), Optional.empty()),
                Texts.of("ru"));
    }

    @Test
    void aListThatStallsMidBodyEndsWithinTheReadTimeoutWithTheReason() {
        standIn.route("/api/v1/mis/patients", (x, r) -> standIn.stall(x, LIST_START));
        PatientsApi.Answer a = assertTimeoutPreemptively(Duration.ofSeconds(6), () -> api().load());
        assertThat(a).isInstanceOfSatisfying(PatientsApi.Failed.class, f -> assertThat(f.reason())
                .isEqualTo("сервер перестал передавать данные: меньше 1,0 КБ за 1 с (получено 38 Б)"));
    }

    @Test
    void anEndlessListIsRefusedAtItsBound() {
        standIn.route("/api/v1/mis/patients", (x, r) -> standIn.endless(x, LIST_START, (byte) ' '));
        PatientsApi.Answer a = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> api().load());
        assertThat(a).isInstanceOfSatisfying(PatientsApi.Failed.class,
                f -> assertThat(f.reason()).isEqualTo("ответ сервера больше допустимых 16,0 МБ; чтение прервано"));
        assertThat(standIn.endlessBytes.get()).isLessThan(PatientsApi.MAX_LIST_BYTES + (16L << 20));
    }
}
