package ru.ksamu.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SystemdUnitTest {

    @Test
    void thePackagesUnitRunsTheStartScriptAsKsamuInTheDataFolder() {
        ServiceSpec spec = new ServiceSpec("server", Path.of("/usr/share/ksamu"), Path.of("/etc/ksamu"), Path.of("/var/lib/ksamu"),
                Optional.of("ksamu"), Optional.empty());
        String unit = SystemdUnit.text(spec);
        assertThat(SystemdUnit.fileName(spec)).isEqualTo("ksamu-server.service");
        assertThat(unit).contains("[Unit]", "[Service]", "[Install]", "WantedBy=multi-user.target",
                "User=ksamu\nGroup=ksamu\n",
                "Environment=\"KSAMU_CONFIG_DIR=/etc/ksamu\"", "Environment=\"KSAMU_DATA_DIR=/var/lib/ksamu\"",
                "WorkingDirectory=/var/lib/ksamu\n", "ExecStart=/usr/share/ksamu/bin/ksamu server\n", "SuccessExitStatus=143");
        assertThat(unit).doesNotContain("JAVA_HOME");
    }

    @Test
    void aPinnedJavaAndPathsWithSpacesAreWrittenSoSystemdReadsThemWhole() {
        ServiceSpec spec = new ServiceSpec("hub", Path.of("/opt/ksamu hub"), Path.of("/opt/ksamu hub/config"), Path.of("/srv/hub data"),
                Optional.empty(), Optional.of(Path.of("/opt/jdk-17")));
        String unit = SystemdUnit.text(spec);
        assertThat(unit).contains("ExecStart=\"/opt/ksamu hub/bin/ksamu\" hub\n", "WorkingDirectory=\"/srv/hub data\"\n",
                "Environment=\"JAVA_HOME=/opt/jdk-17\"", "Environment=\"KSAMU_DATA_DIR=/srv/hub data\"");
        assertThat(unit).doesNotContain("User=");
    }
}
