package ru.ksamu.server.selfupdate;

import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import ru.ksamu.platform.DataFolder;
import ru.ksamu.supervisor.ServerFolder;

/** The folder the server shares with its supervisor, {@code <data>/server/}. */
@Configuration(proxyBeanMethods = false)
class SelfUpdateConfig {

    @Bean
    ServerFolder serverFolder(DataFolder data) {
        return new ServerFolder(data.root(), LoggerFactory.getLogger(ServerFolder.class)::warn);
    }
}
