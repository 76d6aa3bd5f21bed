package ru.ksamu.e2e;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import ru.ksamu.server.databases.ManagedDatabases;

class MajorUpdateH2IT extends MajorUpdateContract {

    @Override
    List<String> hubDatabase() {
        return List.of();
    }

    @Override
    List<String> serverDatabases() {
        return List.of();
    }

    @Override
    String slowScript() {
        return "CREATE ALIAS KSAMU_TEST_SLEEP FOR 'java.lang.Thread.sleep(long)';\nCALL KSAMU_TEST_SLEEP(2000);\n"
                + "DROP ALIAS KSAMU_TEST_SLEEP;\n";
    }

    /** Another connection to the same H2 file, as a second program in this JVM would open it. */
    @Override
    Connection directConnection(ConfigurableApplicationContext server) throws SQLException {
        return server.getBean(ManagedDatabases.class).main().endpoint().connect(Duration.ofSeconds(5));
    }
}
