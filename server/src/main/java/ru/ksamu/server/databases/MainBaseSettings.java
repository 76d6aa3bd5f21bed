package ru.ksamu.server.databases;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import ru.ksamu.platform.InvalidSettingException;

/**
 * {@code ksamu.update.backup}, {@code lock-roles} and the recovery point's keys: how the main base
 * is locked and made recoverable for a major update (the other {@code ksamu.update.*} keys are in
 * {@code UpdateSettings} and {@code MaintenanceSettings}).
 *
 * @param backup          {@link BackupMode}: auto, restore-point, snapshot, before-countdown, under-lock, off
 * @param lockRoles       PostgreSQL roles of the MIS that lose CONNECT during the lock (PUBLIC always does)
 * @param snapshotCommand the admin's snapshot command for {@code snapshot} (run by {@code sh -c}, under the lock)
 * @param snapshotTimeout how long the snapshot command may run before it is ended and the update fails unlocked
 * @param backupJobs      parallel {@code pg_dump} jobs of a before-countdown backup (directory format)
 * @param postponeStep    how far a backup not ready at the deadline moves the lock each time
 */
@ConfigurationProperties("ksamu.update")
record MainBaseSettings(@DefaultValue("auto") String backup, @DefaultValue List<String> lockRoles,
                        @DefaultValue("") String snapshotCommand, @DefaultValue("5m") Duration snapshotTimeout,
                        @DefaultValue("2") int backupJobs, @DefaultValue("30s") Duration postponeStep) {

    public MainBaseSettings {
        lockRoles = lockRoles == null ? List.of() : lockRoles.stream().map(String::strip).filter(r -> !r.isEmpty()).toList();
        snapshotCommand = snapshotCommand == null ? "" : snapshotCommand.strip();
        BackupMode mode = BackupMode.parse("ksamu.update.backup", backup);
        if (mode == BackupMode.SNAPSHOT && snapshotCommand.isEmpty()) {
            throw new InvalidSettingException("ksamu.update.snapshot-command", "", "нужна при ksamu.update.backup=snapshot",
                    "required by ksamu.update.backup=snapshot");
        }
        if (snapshotTimeout.isNegative() || snapshotTimeout.isZero()) {
            throw new InvalidSettingException("ksamu.update.snapshot-timeout", snapshotTimeout.toString(),
                    "должно быть больше нуля", "must be positive");
        }
        if (backupJobs < 1 || backupJobs > 64) {
            throw new InvalidSettingException("ksamu.update.backup-jobs", String.valueOf(backupJobs),
                    "от 1 до 64", "from 1 to 64");
        }
        if (postponeStep.isNegative() || postponeStep.isZero()) {
            throw new InvalidSettingException("ksamu.update.postpone-step", postponeStep.toString(),
                    "должно быть больше нуля", "must be positive");
        }
    }

    BackupMode mode() {
        return BackupMode.parse("ksamu.update.backup", backup);
    }
}
