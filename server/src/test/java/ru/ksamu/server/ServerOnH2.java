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
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.support.TestPropertySourceUtils;
import ru.ksamu.testkit.TestAdmin;

/**
 * Points a server test context at fresh H2 files in a temp folder. Test classes that name this
 * initializer (and nothing else different) share one Spring context.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ServerOnH2 implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String QUARTZ_NAME = "spring.quartz.properties.org.quartz.scheduler.instanceName";

    /**
     * Quartz keeps its job stores' data sources in a JVM-wide registry keyed by the scheduler's
     * name: two cached test contexts with the same name would share one database's pool. A server
     * has one context per JVM, so only tests need a name of their own.
     */
    static String uniqueSchedulerName() {
        return "ksamu-test-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * {@link TestAdmin#PASSWORD}, unless the test names its own first password (an empty one: the
     * article's default, to test the first sign-in).
     */
    static String adminPassword(ConfigurableApplicationContext ctx) {
        // Only the test's own properties count: the server's yml names the key too (empty).
        PropertySource<?> test = ctx.getEnvironment().getPropertySources()
                .get(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME);
        Object own = test == null ? null : test.getProperty(TestAdmin.SETTING);
        return own == null ? TestAdmin.PASSWORD : own.toString();
    }

    @Override
    public void initialize(ConfigurableApplicationContext ctx) {
        try {
            Path dir = Files.createTempDirectory("ksamu-server-h2");
            ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ksamuTestDatabases",
                    Map.of("ksamu.data-dir", dir.toString(), QUARTZ_NAME, uniqueSchedulerName(),
                            TestAdmin.SETTING, adminPassword(ctx))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
