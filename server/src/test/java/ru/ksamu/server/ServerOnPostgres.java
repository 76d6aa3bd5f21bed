package ru.ksamu.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;
import ru.ksamu.testkit.Postgres;
import ru.ksamu.testkit.TestAdmin;

/**
 * Points a server test context at fresh PostgreSQL databases (service and main), dropped when the
 * JVM ends. Test classes that name this initializer share one Spring context.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ServerOnPostgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext ctx) {
        Map<String, Object> p = new HashMap<>();
        try {
            p.put("ksamu.data-dir", Files.createTempDirectory("ksamu-server-pg").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : new String[] {"ksamu.service-db", "ksamu.databases.main"}) {
            String db = Postgres.createDatabase(key.substring(key.lastIndexOf('.') + 1).replace("-", ""));
            p.put(key + ".url", Postgres.url(db));
            p.put(key + ".user", Postgres.user());
            p.put(key + ".password", "");
        }
        p.put(ServerOnH2.QUARTZ_NAME, ServerOnH2.uniqueSchedulerName());
        p.put(TestAdmin.SETTING, ServerOnH2.adminPassword(ctx));
        ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ksamuTestDatabases", p));
    }
}
