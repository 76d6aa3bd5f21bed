package ru.ksamu.server.threads;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one thread manager of the server. */
@Configuration(proxyBeanMethods = false)
class ThreadsConfig {

    @Bean(destroyMethod = "close")
    ThreadManager threadManager(ThreadSettings settings, Clock clock, WorkJournal journal, MeterRegistry meters) {
        return new ThreadManager(settings, clock, journal, new ThreadMetrics(meters));
    }
}
