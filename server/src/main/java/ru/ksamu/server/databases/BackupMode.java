package ru.ksamu.server.databases;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import ru.ksamu.platform.InvalidSettingException;

/**
 * {@code ksamu.update.backup}: what makes a major update's migration recoverable, and whether it
 * costs the lock anything (issue L).
 */
public enum BackupMode {
    /** PostgreSQL: restore-point when continuous archiving works, else before-countdown; H2: before-countdown. */
    AUTO("auto"),
    /** PostgreSQL with WAL archiving: {@code pg_create_restore_point} under the lock (milliseconds). */
    RESTORE_POINT("restore-point"),
    /** The admin's snapshot command ({@code ksamu.update.snapshot-command}) under the lock: a copy-on-write snapshot. */
    SNAPSHOT("snapshot"),
    /** A full backup taken while users work, from the countdown's start; the lock waits for it, never the other way. */
    BEFORE_COUNTDOWN("before-countdown"),
    /** A full backup under the lock: the old behaviour, which grows the lock with the base (the benchmark's reference). */
    UNDER_LOCK("under-lock"),
    /** No backup: PostgreSQL's migration transaction is the only safety net. */
    OFF("off");

    private final String key;

    BackupMode(String key) {
        this.key = key;
    }

    /** The value as written in the settings. */
    public String key() {
        return key;
    }

    /** Reads the setting; a value not in the list stops start-up naming {@code setting}. */
    static BackupMode parse(String setting, String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return AUTO;
        }
        for (BackupMode m : values()) {
            if (m.key.equals(v)) {
                return m;
            }
        }
        String allowed = Arrays.stream(values()).map(BackupMode::key).collect(Collectors.joining(", "));
        throw new InvalidSettingException(setting, value, "допустимые значения: " + allowed, "allowed values: " + allowed);
    }
}
