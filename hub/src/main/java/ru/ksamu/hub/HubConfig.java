package ru.ksamu.hub;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans every feature of the hub shares: the clock and the data folders. */
@Configuration(proxyBeanMethods = false)
class HubConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    HubFolders hubFolders(@Value("${ksamu.data-dir}") String dataDir) {
        return new HubFolders(Path.of(dataDir).toAbsolutePath().normalize());
    }
}
