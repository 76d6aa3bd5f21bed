package ru.ksamu.release.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Reads and writes zips entry by entry, to craft hostile bundles in tests. */
final class Zips {

    private Zips() {
    }

    /** All entries of a zip in their order, name to content. */
    static Map<String, byte[]> read(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> all = file.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                entries.put(entry.getName(), file.getInputStream(entry).readAllBytes());
            }
        }
        return entries;
    }

    /** Writes the entries, in order, as a new deflated zip. */
    static Path write(Path zip, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }

    /** Writes the entries and then one entry of {@code zeros} zero bytes (highly compressible). */
    static Path writeWithZeros(Path zip, Map<String, byte[]> entries, String name, long zeros) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(name));
            writeZeros(out, zeros);
            out.closeEntry();
        }
        return zip;
    }

    /**
     * Makes the central directory claim {@code size} as the uncompressed size of {@code name}: a
     * zip that lies about its content, as zip bombs do.
     */
    static void forgeDeclaredSize(Path zip, String name, int size) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        byte[] nameBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i + 46 + nameBytes.length <= bytes.length; i++) {
            boolean header = bytes[i] == 0x50 && bytes[i + 1] == 0x4b && bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02;
            if (header && java.util.Arrays.equals(bytes, i + 46, i + 46 + nameBytes.length, nameBytes, 0, nameBytes.length)) {
                for (int b = 0; b < 4; b++) {
                    bytes[i + 24 + b] = (byte) (size >>> (8 * b));
                }
                Files.write(zip, bytes);
                return;
            }
        }
        throw new IllegalStateException("No central directory entry " + name);
    }

    /** Replaces every occurrence of one ASCII name by another of the same length (in local and central headers). */
    static void renameRaw(Path zip, String from, String to) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        byte[] a = from.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] b = to.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i + a.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + a.length, a, 0, a.length)) {
                System.arraycopy(b, 0, bytes, i, b.length);
            }
        }
        Files.write(zip, bytes);
    }

    private static void writeZeros(OutputStream out, long count) throws IOException {
        byte[] zeros = new byte[1 << 20];
        for (long left = count; left > 0; left -= zeros.length) {
            out.write(zeros, 0, (int) Math.min(left, zeros.length));
        }
    }
}
