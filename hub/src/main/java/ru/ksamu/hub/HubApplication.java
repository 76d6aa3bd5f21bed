package ru.ksamu.hub;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import ru.ksamu.platform.KsamuApplication;

/** The vendor's hub (the cloud): signed releases in the test and stable channels. */
@SpringBootApplication
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
