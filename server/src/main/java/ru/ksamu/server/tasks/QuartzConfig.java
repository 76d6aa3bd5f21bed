package ru.ksamu.server.tasks;

import java.util.Properties;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import ru.ksamu.platform.DatabaseKind;

/**
 * Quartz on the service database. PostgreSQL needs Quartz's PostgreSQL delegate (its job data is
 * bytea); the plain delegate would fail every trigger read there. The job store is Spring's,
 * made to wake the scheduler after a commit ({@link CommitSignallingJobStore}).
 */
@Configuration(proxyBeanMethods = false)
class QuartzConfig {

    static final String DELEGATE = "org.quartz.jobStore.driverDelegateClass";

    @Bean
    SchedulerFactoryBeanCustomizer quartzDelegate(Environment env, QuartzProperties quartz) {
        return factory -> {
            Properties p = new Properties();
            p.putAll(quartz.getProperties());
            DatabaseKind kind = DatabaseKind.of("ksamu.service-db.url", env.getProperty("ksamu.service-db.url"));
            p.setProperty(DELEGATE, kind == DatabaseKind.POSTGRESQL
                    ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
                    : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
            p.setProperty("org.quartz.jobStore.class", CommitSignallingJobStore.class.getName());
            factory.setQuartzProperties(p);
        };
    }
}
