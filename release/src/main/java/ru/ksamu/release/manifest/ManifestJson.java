package ru.ksamu.release.manifest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ru.ksamu.release.InvalidArgumentException;
import ru.ksamu.release.InvalidVersionException;
import ru.ksamu.release.Version;
import ru.ksamu.release.internal.StrictJson;
import ru.ksamu.release.internal.Texts;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON form of {@link ReleaseManifest}; field order here is the canonical order. */
final class ManifestJson {

    private static final String[] FIELDS =
            {"format", "version", "notes", "regions", "publishedAt", "minFromVersion", "files"};
    private static final String[] FILE_FIELDS = {"path", "size", "sha256", "role"};

    private ManifestJson() {
    }

    static byte[] write(ReleaseManifest manifest) {
        ObjectNode root = StrictJson.object();
        root.put("format", ReleaseManifest.FORMAT);
        root.put("version", manifest.version().toString());
        root.put("notes", manifest.notes());
        ArrayNode regions = root.putArray("regions");
        manifest.regions().forEach(regions::add);
        root.put("publishedAt", manifest.publishedAt().toString());
        manifest.minFromVersion().ifPresentOrElse(min -> root.put("minFromVersion", min.toString()),
                () -> root.putNull("minFromVersion"));
        ArrayNode files = root.putArray("files");
        for (ManifestEntry entry : manifest.files()) {
            ObjectNode file = files.addObject();
            file.put("path", entry.path());
            file.put("size", entry.size());
            file.put("sha256", entry.sha256());
            file.put("role", entry.role().folder());
        }
        return StrictJson.write(root);
    }

    static ReleaseManifest read(byte[] json) {
        if (json.length > Limits.MAX_DOCUMENT_BYTES) {
            throw SizeLimitException.document(ReleaseManifest.FILE_NAME, json.length, Limits.MAX_DOCUMENT_BYTES);
        }
        StrictJson.Reader root = StrictJson.read(json, ReleaseManifest.FILE_NAME, MalformedManifestException::new)
                .expectFields(FIELDS);
        long format = root.integer("format");
        if (format != ReleaseManifest.FORMAT) {
            throw root.fail("формат " + format + " не поддерживается (нужен " + ReleaseManifest.FORMAT
                            + "); обновите программу",
                    "format " + format + " is not supported (expected " + ReleaseManifest.FORMAT
                            + "); update this program");
        }
        Version version = version(root, "version");
        String notes = root.string("notes");
        List<String> regions = root.strings("regions");
        Instant publishedAt = root.instant("publishedAt");
        Optional<Version> minFrom = root.nullableString("minFromVersion").map(text -> version(root, "minFromVersion"));
        List<ManifestEntry> files = new ArrayList<>();
        for (StrictJson.Reader file : root.objects("files")) {
            files.add(entry(file.expectFields(FILE_FIELDS)));
        }
        try {
            return new ReleaseManifest(version, notes, regions, publishedAt, minFrom, files);
        } catch (InvalidArgumentException | InvalidVersionException e) {
            throw root.fail(e.russian(), e.english());
        }
    }

    /** A version field; an invalid version is this document's refusal naming the field. */
    private static Version version(StrictJson.Reader reader, String field) {
        try {
            return Version.parse(reader.string(field));
        } catch (InvalidVersionException e) {
            throw reader.badField(field, e.russian(), e.english());
        }
    }

    private static ManifestEntry entry(StrictJson.Reader file) {
        String path = file.string("path");
        long size = file.integer("size");
        String sha256 = file.string("sha256");
        String role = file.string("role");
        FileRole parsedRole = FileRole.fromFolder(role).orElseThrow(() -> file.fail(
                "неизвестная роль " + Texts.quote(role) + " у файла " + Texts.quote(path),
                "unknown role " + Texts.quote(role) + " of " + Texts.quote(path)));
        return new ManifestEntry(path, size, sha256, parsedRole);
    }
}
