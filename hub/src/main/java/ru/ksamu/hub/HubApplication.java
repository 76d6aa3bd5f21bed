package ru.ksamu.hub;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import ru.ksamu.platform.KsamuApplication;

/**
 * The vendor's hub (the cloud): signed releases in the test and stable channels. It knows no users
 * or passwords, only bearer tokens (see the {@code auth} package), so Boot's generated in-memory user
 * is left out: it would only log a password at start.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class HubApplication {

    public static void main(String[] args) {
        KsamuApplication.run(builder(), args);
    }

    /** The application with its own settings file, {@code ksamu-hub.yml} (hub and server can share a JVM in tests). */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(HubApplication.class).properties("spring.config.name=ksamu-hub");
    }
}
