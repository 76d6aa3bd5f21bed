package ru.ksamu.release.manifest;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import ru.ksamu.release.internal.Texts;

/**
 * The rules for a file path inside a release; one place, used when building, reading a
 * manifest and opening a bundle (the names inside a zip included). A safe path is relative,
 * '/'-separated and normalized: no empty, {@code .} or {@code ..} segments, no backslash, no
 * drive letter, no leading '/', and nothing a Windows client cannot create (the characters
 * {@code <>:"|?*}, control characters, reserved device names such as {@code CON} or
 * {@code COM1}, a segment ending in a dot or a space). Every refusal names the path.
 */
public final class SafePath {

    /** Longest segment, in characters (the common file-system limit). */
    public static final int MAX_SEGMENT = 255;
    /** Longest path, in characters. */
    public static final int MAX_LENGTH = 1024;

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);
    private static final String WINDOWS_FORBIDDEN = "<>:\"|?*";
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private SafePath() {
    }

    /**
     * Checks a path and returns it unchanged.
     *
     * @throws UnsafePathException naming the path and the rule it breaks
     */
    public static String check(String path) {
        if (path == null || path.isEmpty()) {
            throw new UnsafePathException(path, "путь пуст", "the path is empty");
        }
        if (DRIVE.matcher(path).matches()) {
            throw new UnsafePathException(path, "путь с буквой диска запрещён", "drive letters are not allowed");
        }
        if (path.startsWith("\\\\") || path.startsWith("//")) {
            throw new UnsafePathException(path, "сетевой путь (UNC) запрещён", "UNC paths are not allowed");
        }
        if (path.indexOf('\\') >= 0) {
            throw new UnsafePathException(path, "обратная косая черта запрещена, разделитель — '/'",
                    "backslashes are not allowed, the separator is '/'");
        }
        if (path.startsWith("/")) {
            throw new UnsafePathException(path, "абсолютный путь запрещён", "absolute paths are not allowed");
        }
        if (path.length() > MAX_LENGTH) {
            throw new UnsafePathException(path, "длиннее " + MAX_LENGTH + " символов",
                    "longer than " + MAX_LENGTH + " characters");
        }
        for (String segment : path.split("/", -1)) {
            checkSegment(path, segment);
        }
        return path;
    }

    private static void checkSegment(String path, String segment) {
        if (segment.isEmpty()) {
            throw new UnsafePathException(path, "пустой сегмент (два '/' подряд или '/' в конце)",
                    "empty segment (two '/' in a row or a trailing '/')");
        }
        if (segment.equals("..")) {
            throw new UnsafePathException(path, "сегмент \"..\" запрещён (выход за папку релиза)",
                    "\"..\" segments are not allowed (they leave the release folder)");
        }
        if (segment.equals(".")) {
            throw new UnsafePathException(path, "сегмент \".\" запрещён: путь не нормализован",
                    "\".\" segments are not allowed: the path is not normalized");
        }
        if (segment.length() > MAX_SEGMENT) {
            throw new UnsafePathException(path, "сегмент длиннее " + MAX_SEGMENT + " символов",
                    "a segment is longer than " + MAX_SEGMENT + " characters");
        }
        for (int i = 0; i < segment.length(); i++) {
            char ch = segment.charAt(i);
            if (Character.isISOControl(ch) || WINDOWS_FORBIDDEN.indexOf(ch) >= 0) {
                throw new UnsafePathException(path, "недопустимый символ " + Texts.quote(String.valueOf(ch)),
                        "character " + Texts.quote(String.valueOf(ch)) + " is not allowed");
            }
        }
        if (segment.endsWith(".") || segment.endsWith(" ")) {
            throw new UnsafePathException(path, "сегмент оканчивается точкой или пробелом (Windows)",
                    "a segment ends in a dot or a space (Windows)");
        }
        int dot = segment.indexOf('.');
        String base = (dot < 0 ? segment : segment.substring(0, dot)).strip().toUpperCase(Locale.ROOT);
        if (RESERVED.contains(base)) {
            throw new UnsafePathException(path, "имя устройства Windows " + base + " запрещено",
                    "the Windows device name " + base + " is not allowed");
        }
    }

    /**
     * Refuses paths that would be one file on a client: exact duplicates, paths equal but for
     * letter case or Unicode normalization (Windows and macOS clients), and a path that is a file
     * in one place and a folder in another.
     *
     * @throws DuplicatePathException naming both paths
     */
    public static void checkDistinct(Collection<String> paths) {
        Map<String, String> files = new HashMap<>();
        for (String path : paths) {
            String previous = files.putIfAbsent(fold(path), path);
            if (previous != null && previous.equals(path)) {
                throw new DuplicatePathException(path, previous,
                        "Путь " + Texts.quote(path) + " повторяется",
                        "path " + Texts.quote(path) + " is listed twice");
            }
            if (previous != null) {
                throw new DuplicatePathException(path, previous,
                        "Пути " + Texts.quote(previous) + " и " + Texts.quote(path)
                                + " различаются только регистром букв: на Windows это один файл",
                        "paths " + Texts.quote(previous) + " and " + Texts.quote(path)
                                + " differ only in letter case: one file on Windows");
            }
        }
        for (String path : paths) {
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                String file = files.get(fold(path.substring(0, slash)));
                if (file != null) {
                    throw new DuplicatePathException(file, path,
                            "Путь " + Texts.quote(file) + " — файл, а " + Texts.quote(path) + " требует папку с этим именем",
                            "path " + Texts.quote(file) + " is a file but " + Texts.quote(path)
                                    + " needs a folder of that name");
                }
            }
        }
    }

    /**
     * Resolves a checked path under a root folder and makes sure the result stays inside it.
     *
     * @throws UnsafePathException if the path is unsafe or escapes the root
     */
    public static Path resolve(Path root, String path) {
        Path base = root.toAbsolutePath().normalize();
        Path resolved = base.resolve(check(path)).normalize();
        if (!resolved.startsWith(base) || resolved.equals(base)) {
            throw new UnsafePathException(path, "выходит за папку " + root, "escapes the folder " + root);
        }
        return resolved;
    }

    /** The key under which two paths are the same file on a case-insensitive file system. */
    static String fold(String path) {
        return Normalizer.normalize(path, Normalizer.Form.NFC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}
