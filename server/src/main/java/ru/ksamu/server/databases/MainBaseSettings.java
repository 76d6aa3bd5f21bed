package ru.ksamu.server.databases;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ksamu.update.backup} and {@code ksamu.update.lock-roles}: how the main base is locked and
 * backed up for a major update (the other {@code ksamu.update.*} keys are in {@code UpdateSettings}
 * and {@code MaintenanceSettings}).
 *
 * @param backup    whether the main base is backed up before a major update's migration
 * @param lockRoles PostgreSQL roles of the MIS that lose CONNECT during the lock (PUBLIC always does)
 */
@ConfigurationProperties("ksamu.update")
record MainBaseSettings(@DefaultValue("true") boolean backup, @DefaultValue List<String> lockRoles) {

    public MainBaseSettings {
        lockRoles = lockRoles == null ? List.of() : lockRoles.stream().map(String::strip).filter(r -> !r.isEmpty()).toList();
    }
}
