package ru.ksamu.server;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import ru.ksamu.platform.DataFolder;
import ru.ksamu.platform.KsamuApplication;
import ru.ksamu.server.selfupdate.ServerRestart;

/** The clinic's KSAMU Server: tasks, threads, logs, updates, databases, clients and the console. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ServerApplication {

    /** The one place the server reads {@code ksamu.data-dir}. */
    @Bean
    DataFolder dataFolder(@Value("${ksamu.data-dir}") String dataDir) {
        return DataFolder.of(dataDir);
    }

    public static void main(String[] args) {
        // The main thread stays to end the server when its supervisor is asked for a restart.
        ServerRestart.runUntilRestart(KsamuApplication.run(builder(), args));
    }

    /** The application with its own settings file, {@code ksamu-server.yml} (hub and server can share a JVM in tests). */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ServerApplication.class).properties("spring.config.name=ksamu-server");
    }
}
