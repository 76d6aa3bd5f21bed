package ru.ksamu.server.firebird;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import ru.ksamu.platform.DatabaseEndpoint;
import ru.ksamu.platform.DatabaseKind;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.server.databases.ManagedDatabase;

/** Reading a Firebird base's URL for the services API, and the settings' checks. */
class FirebirdBaseTest {

    private static ManagedDatabase db(String url, String user) {
        return new ManagedDatabase("register", "Регистр", new DatabaseEndpoint("ksamu.databases.register", url, user, "pw"));
    }

    @Test
    void hostPortAndPathAreReadFromTheUrl() {
        FirebirdBase b = FirebirdBase.of(db("jdbc:firebirdsql://fb.clinic.local:3051//srv/db/register.fdb?charSet=UTF-8", "MIS"));
        assertThat(b.host()).isEqualTo("fb.clinic.local");
        assertThat(b.port()).isEqualTo(3051);
        assertThat(b.path()).isEqualTo("/srv/db/register.fdb");
        assertThat(b.user()).isEqualTo("MIS");
        assertThat(b.folderOfPath()).isEqualTo("/srv/db/");
    }

    @Test
    void theDefaultPortIs3050AndAnEmptyUserIsSysdba() {
        FirebirdBase b = FirebirdBase.of(db("jdbc:firebird://127.0.0.1/C:\\Base\\REG.FDB", ""));
        assertThat(b.port()).isEqualTo(3050);
        assertThat(b.path()).isEqualTo("C:\\Base\\REG.FDB");
        assertThat(b.folderOfPath()).isEqualTo("C:\\Base\\");
        assertThat(b.user()).isEqualTo("SYSDBA");
        assertThat(FirebirdBase.of(db("jdbc:firebirdsql://[::1]:3050/register", "")).host()).isEqualTo("[::1]");
    }

    @Test
    void aUrlWithoutHostAndPathIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> FirebirdBase.of(db("jdbc:firebirdsql:register", "")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("ksamu.databases.register.url")
                .hasMessageContaining("jdbc:firebirdsql://");
    }

    @Test
    void aFirebirdUrlIsAManagedKindButNeverTheServiceDatabase() {
        assertThat(DatabaseKind.ofManaged("k", "jdbc:firebirdsql://h/p")).isEqualTo(DatabaseKind.FIREBIRD);
        assertThat(DatabaseKind.ofManaged("k", "jdbc:postgresql://h/p")).isEqualTo(DatabaseKind.POSTGRESQL);
        assertThatThrownBy(() -> DatabaseKind.of("ksamu.service-db.url", "jdbc:firebirdsql://h/p"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("ksamu.service-db.url");
        assertThatThrownBy(() -> DatabaseKind.ofManaged("k", "jdbc:mysql://h/p")).hasMessageContaining("jdbc:firebirdsql://");
    }

    @Test
    void badSettingsStopStartUpNamingTheKey() {
        assertThatThrownBy(() -> new FirebirdSettings(Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(30), ""))
                .hasMessageContaining("ksamu.firebird.connect-timeout");
        assertThatThrownBy(() -> new FirebirdSettings(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofHours(2), ""))
                .hasMessageContaining("ksamu.firebird.shutdown-wait");
        assertThatThrownBy(() -> new FirebirdSettings(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofSeconds(30), "tmp"))
                .hasMessageContaining("ksamu.firebird.scratch-folder");
    }
}
