package ru.ksamu.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a server test context at fresh H2 files in a temp folder. Test classes that name this
 * initializer (and nothing else different) share one Spring context.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ServerOnH2 implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext ctx) {
        try {
            Path dir = Files.createTempDirectory("ksamu-server-h2");
            ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ksamuTestDatabases",
                    Map.of("ksamu.data-dir", dir.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
