package ru.ksamu.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The client's network settings: durations as people write them, positive timeouts, a token that never shows. */
class ServerAccessTest {

    @Test
    void durationsAreWrittenAsSecondsUnitsOrIso() {
        assertThat(DurationConverter.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> DurationConverter.parse("soon")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void timeoutsMustBePositiveAndTheMessageNamesTheOption() {
        assertThatThrownBy(() -> new ServerAccess.Timeouts(Duration.ofSeconds(10), Duration.ZERO))
                .hasMessage("--read-timeout must be positive, got PT0S");
        assertThatThrownBy(() -> new ServerAccess.Timeouts(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .hasMessage("--connect-timeout must be positive, got PT-1S");
        assertThat(ServerAccess.Timeouts.DEFAULT.headers()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void aTokenNeverShowsInTextAndJunkIsNoToken() {
        WorkstationToken t = WorkstationToken.parse("  secret-123\n").orElseThrow();
        assertThat(t.bearer()).isEqualTo("Bearer secret-123");
        assertThat(t.toString()).doesNotContain("secret");
        ServerAccess access = new ServerAccess("http://h:8080/", ServerAccess.Timeouts.DEFAULT, java.util.Optional.of(t));
        assertThat(access.toString()).doesNotContain("secret").contains("token present");
        assertThat(access.base()).isEqualTo("http://h:8080");
        assertThat(WorkstationToken.parse("")).isEmpty();
        assertThat(WorkstationToken.parse("two words")).isEmpty();
        assertThat(WorkstationToken.parse("line\r\nX-Evil: 1")).isEmpty();
        assertThat(WorkstationToken.parse("x".repeat(1025))).isEmpty();
    }
}
