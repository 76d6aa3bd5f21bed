package ru.ksamu.server.selfupdate;

import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import ru.ksamu.supervisor.ServerFolder;

/** The folder the server shares with its supervisor, {@code <data>/server/}. */
@Configuration(proxyBeanMethods = false)
class SelfUpdateConfig {

    @Bean
    ServerFolder serverFolder(@Value("${ksamu.data-dir}") String dataDir) {
        return new ServerFolder(Path.of(dataDir).toAbsolutePath().normalize(), LoggerFactory.getLogger(ServerFolder.class)::warn);
    }
}
