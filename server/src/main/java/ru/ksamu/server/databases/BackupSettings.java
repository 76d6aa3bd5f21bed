package ru.ksamu.server.databases;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import ru.ksamu.platform.InvalidSettingException;

/**
 * {@code ksamu.backup.*}: where PostgreSQL's client programs are.
 *
 * @param pgBin the folder holding {@code pg_dump}, {@code pg_restore} and {@code psql}; empty =
 *              the PATH, then the newest {@code /usr/lib/postgresql/<n>/bin}
 */
@ConfigurationProperties("ksamu.backup")
record BackupSettings(@DefaultValue("") String pgBin) {

    public BackupSettings {
        pgBin = pgBin == null ? "" : pgBin.strip();
        if (!pgBin.isEmpty() && !Files.isDirectory(Path.of(pgBin))) {
            throw new InvalidSettingException("ksamu.backup.pg-bin", pgBin, "папка не найдена", "no such folder");
        }
    }
}
