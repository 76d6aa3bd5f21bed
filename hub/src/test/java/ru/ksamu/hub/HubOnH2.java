package ru.ksamu.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a hub test context at a fresh H2 file in a temp folder, with its own fake Telegram.
 * Test classes that name this initializer share one Spring context.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HubOnH2 implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext ctx) {
        try {
            FakeTelegram telegram = new FakeTelegram();
            ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ksamuTestHub",
                    TestHub.settings(Files.createTempDirectory("ksamu-hub-h2"), telegram.url())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
