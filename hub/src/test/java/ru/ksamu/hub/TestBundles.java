package ru.ksamu.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import ru.ksamu.release.Version;
import ru.ksamu.release.bundle.Bundles;
import ru.ksamu.release.bundle.ReleaseInfo;
import ru.ksamu.release.signing.SigningKey;

/** Real signed bundles built with {@link Bundles#build}, and hostile ones made from them entry by entry. */
public final class TestBundles {

    private TestBundles() {
    }

    /** Random bytes, so that a test's files share no content with other tests'. */
    public static byte[] random(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** A small release with a script, a client file and a server file, signed by the vendor. */
    public static Path bundle(Path dir, Version version, List<String> regions) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("scripts/V" + version.a() + "_" + version.b() + "__init.sql",
                ("CREATE TABLE t" + version.b() + " (id INT);\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        files.put("client/app.jar", random(50_000));
        files.put("server/lib/core.bin", random(10_000));
        return bundle(dir, version, files, regions, "Исправлен отчёт " + version, TestHub.VENDOR.signingKey());
    }

    public static Path bundle(Path dir, Version version, Map<String, byte[]> files, List<String> regions, String notes,
                              SigningKey key) {
        try {
            Path source = Files.createTempDirectory(dir, "src-");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = source.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
            Path zip = dir.resolve("release-" + version + "-" + System.nanoTime() + ".zip");
            Instant publishedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Bundles.build(source, zip, ReleaseInfo.of(version, notes, regions, publishedAt), key);
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All entries of a zip in their order, name to content. */
    public static Map<String, byte[]> entries(Path zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> all = file.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                entries.put(entry.getName(), file.getInputStream(entry).readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Writes entries, in order, as a new deflated zip beside {@code like}. */
    public static Path write(Path like, String suffix, Map<String, byte[]> entries) {
        Path zip = like.resolveSibling(like.getFileName() + "-" + suffix + ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip;
    }
}
