package ru.ksamu.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatJsonTest {

    @Test
    void writesAndReadsBackStringsNumbersAndNull() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", 12345L);
        m.put("port", 8080);
        m.put("version", null);
        m.put("reason", "процесс \"сервер\"\\завершился\nс кодом 1\t");
        Map<String, String> back = FlatJson.read(FlatJson.write(m));
        assertThat(back).containsEntry("pid", "12345").containsEntry("port", "8080").containsEntry("version", null)
                .containsEntry("reason", "процесс \"сервер\"\\завершился\nс кодом 1\t");
    }

    @Test
    void readsWhatJacksonStyleWritersProduce() {
        assertThat(FlatJson.read("{\"pid\":7,\"ok\":true,\"v\":\"1.0.0.1\",\"u\":\"\\u0416\"}"))
                .containsEntry("pid", "7").containsEntry("ok", "true").containsEntry("v", "1.0.0.1").containsEntry("u", "Ж");
        assertThat(FlatJson.read(" { } ")).isEmpty();
    }

    @Test
    void aCutFileIsRefused() {
        assertThatThrownBy(() -> FlatJson.read("{\"pid\": 7, \"port\"")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSwitchRecordSurvivesTheRoundTrip() {
        SwitchRecord r = new SwitchRecord("1.0.0.1", "1.0.0.2", SwitchRecord.Outcome.ROLLED_BACK, "не ответил \"UP\"",
                Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(SwitchRecord.parse(r.toJson())).isEqualTo(r);
    }
}
