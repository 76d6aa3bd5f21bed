package ru.ksamu.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupervisorOptionsTest {

    @Test
    void ownOptionsAreTakenOutAndTheRestGoesToTheServer() {
        SupervisorOptions o = SupervisorOptions.parse(new String[] {"--ksamu.port=9090", "--bundled-jar=/x/s.jar",
                "--health-timeout=2m", "--ksamu.data-dir=/srv/ksamu"}, Map.of("KSAMU_DATA_DIR", "/ignored"));
        assertThat(o.serverArgs()).containsExactly("--ksamu.port=9090", "--ksamu.data-dir=/srv/ksamu");
        assertThat(o.bundledJar()).contains(Path.of("/x/s.jar"));
        assertThat(o.healthTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.dataDir()).isEqualTo(Path.of("/srv/ksamu"));
    }

    @Test
    void theDataFolderComesFromTheEnvironmentThenTheDefault() {
        assertThat(SupervisorOptions.parse(new String[0], Map.of("KSAMU_DATA_DIR", "/env/data")).dataDir())
                .isEqualTo(Path.of("/env/data"));
        SupervisorOptions defaults = SupervisorOptions.parse(new String[0], Map.of());
        assertThat(defaults.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(defaults.healthTimeout()).isEqualTo(SupervisorOptions.DEFAULT_HEALTH_TIMEOUT);
        assertThat(defaults.bundledJar()).isEmpty();
    }

    @Test
    void durationsInSecondsMinutesOrIso() {
        assertThat(SupervisorOptions.duration("--health-timeout=90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(SupervisorOptions.duration("--health-timeout=45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(SupervisorOptions.duration("--health-timeout=PT3M")).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void aBadOrZeroTimeoutIsRefusedNamingIt() {
        assertThatThrownBy(() -> SupervisorOptions.parse(new String[] {"--health-timeout=soon"}, Map.of()))
                .isInstanceOf(SupervisorException.class).hasMessageContaining("--health-timeout=soon")
                .extracting(e -> ((SupervisorException) e).exitCode()).isEqualTo(Supervisor.EXIT_USAGE);
        assertThatThrownBy(() -> SupervisorOptions.parse(new String[] {"--health-timeout=0"}, Map.of()))
                .isInstanceOf(SupervisorException.class).hasMessageContaining("больше нуля");
    }
}
