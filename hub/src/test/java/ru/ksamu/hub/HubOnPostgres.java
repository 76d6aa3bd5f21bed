package ru.ksamu.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;
import ru.ksamu.testkit.Postgres;

/**
 * Points a hub test context at a fresh PostgreSQL database (dropped when the JVM ends), with its
 * own fake Telegram. Test classes that name this initializer share one Spring context.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HubOnPostgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext ctx) {
        try {
            FakeTelegram telegram = new FakeTelegram();
            Map<String, Object> p = TestHub.settings(Files.createTempDirectory("ksamu-hub-pg"), telegram.url());
            String db = Postgres.createDatabase("hub");
            p.put("ksamu.hub-db.url", Postgres.url(db));
            p.put("ksamu.hub-db.user", Postgres.user());
            p.put("ksamu.hub-db.password", "");
            ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ksamuTestHub", p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
