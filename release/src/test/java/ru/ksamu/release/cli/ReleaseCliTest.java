package ru.ksamu.release.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.ksamu.release.manifest.ReleaseManifest;

class ReleaseCliTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T18:29:00.123Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    @BeforeEach
    void writeSourceAndKeys() throws IOException {
        Files.createDirectories(temp.resolve("src/scripts"));
        Files.createDirectories(temp.resolve("src/client"));
        Files.writeString(temp.resolve("src/scripts/V6_0_51__add_column.sql"), "ALTER TABLE t ADD c INT;");
        Files.writeString(temp.resolve("src/client/app.jar"), "client");
        assertThat(run("keygen", "--out", temp.resolve("keys").toString()).exitCode()).isZero();
    }

    @Test
    void keygenBuildAndVerifyMakeAVerifiedBundle() throws IOException {
        CliRun build = build("--regions", "09,10", "--out", temp.resolve("b.zip").toString());
        CliRun verify = run("verify", temp.resolve("b.zip").toString(), "--key", temp.resolve("keys/release.pub").toString());

        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(build.out()).contains("Пакет записан / bundle written: ").contains("Регионы / regions: 09,10");
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("Версия / version: 6.0.51.22966\n", "Файлов / files: 2\n",
                "Размер / size: 30 байт / bytes\n").endsWith("OK\n");
    }

    @Test
    void buildTakesThePublicationTimeFromTheClock() throws IOException {
        build("--out", temp.resolve("bundle").toString());

        ReleaseManifest manifest = ReleaseManifest.parse(Files.readAllBytes(temp.resolve("bundle/release.json")));
        assertThat(manifest.publishedAt()).isEqualTo(Instant.parse("2024-06-01T18:29:00Z"));
        assertThat(manifest.regions()).isEmpty();
    }

    @Test
    void keygenWritesBothKeysAndRefusesToOverwriteThem() {
        CliRun again = run("keygen", "--out", temp.resolve("keys").toString(), "--name", "release");
        CliRun hub = run("keygen", "--out", temp.resolve("keys").toString(), "--name", "hub");

        assertThat(again.exitCode()).isEqualTo(7);
        assertThat(again.err()).contains("release.key already exists; refusing to overwrite it");
        assertThat(hub.exitCode()).isZero();
        assertThat(temp.resolve("keys/hub.key")).exists();
        assertThat(temp.resolve("keys/hub.pub")).exists();
    }

    @Test
    void verifyingATamperedBundleExitsWithTheIntegrityCode() throws IOException {
        build("--out", temp.resolve("bundle").toString());
        Files.writeString(temp.resolve("bundle/client/app.jar"), "CLIENT");

        CliRun verify = run("verify", temp.resolve("bundle").toString(), "--key", temp.resolve("keys/release.pub").toString());

        assertThat(verify.exitCode()).isEqualTo(4);
        assertThat(verify.err()).startsWith("Файл client/app.jar: SHA-256 ").contains(" / client/app.jar has SHA-256 ");
        assertThat(verify.out()).doesNotContain("OK");
    }

    @Test
    void verifyingWithAnotherKeyExitsWithTheTrustCode() {
        build("--out", temp.resolve("b.zip").toString());
        run("keygen", "--out", temp.resolve("other").toString());

        CliRun verify = run("verify", temp.resolve("b.zip").toString(), "--key", temp.resolve("other/release.pub").toString());

        assertThat(verify.exitCode()).isEqualTo(5);
        assertThat(verify.err()).contains("which is not trusted");
    }

    @Test
    void anInvalidVersionIsAUsageErrorNamingTheInput() {
        CliRun build = run("build", temp.resolve("src").toString(), "--version", "6.0.51", "--notes", "x",
                "--key", temp.resolve("keys/release.key").toString(), "--out", temp.resolve("b.zip").toString());

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err()).contains("Неверная версия \"6.0.51\": нужно четыре числа a.b.c.d"
                + " / invalid version \"6.0.51\": expected four numbers a.b.c.d");
    }

    @Test
    void anInvalidRegionExitsWithTheInputCode() {
        CliRun build = build("--regions", "9", "--out", temp.resolve("b.zip").toString());

        assertThat(build.exitCode()).isEqualTo(2);
        assertThat(build.err()).contains("Неверный код региона \"9\"");
    }

    @Test
    void helpListsEveryExitCode() {
        CliRun help = run("verify", "--help");
        CliRun bare = run();

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Коды выхода / exit codes:", "  0   успех / success",
                "  1   ошибка в команде / usage error", "  4   файл не совпадает с манифестом",
                "  8   хаб отказал или недоступен", "  9   внутренняя ошибка / internal error");
        assertThat(bare.exitCode()).isEqualTo(1);
        assertThat(bare.err()).contains("publish", "promote", "withdraw");
    }

    private CliRun build(String... extra) {
        String[] base = {"build", temp.resolve("src").toString(), "--version", "6.0.51.22966", "--notes",
                "Исправлен отчёт", "--key", temp.resolve("keys/release.key").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return run(args);
    }

    private static CliRun run(String... args) {
        return CliRun.run(CLOCK, Map.of(), args);
    }
}
