package ru.ksamu.release.cli;

import java.io.PrintWriter;

import ru.ksamu.release.manifest.ReleaseManifest;

/** The lines that describe a release after build and verify. */
final class Summary {

    private Summary() {
    }

    static void print(PrintWriter out, ReleaseManifest manifest, String keyId) {
        out.println("Версия / version: " + manifest.version());
        out.println("Файлов / files: " + manifest.files().size());
        out.println("Размер / size: " + manifest.totalSize() + " байт / bytes");
        out.println("Регионы / regions: "
                + (manifest.regions().isEmpty() ? "все / all" : String.join(",", manifest.regions())));
        manifest.minFromVersion().ifPresent(min -> out.println("Обновление с версии / updates from: " + min));
        out.println("Ключ подписи / signing key: " + keyId);
    }
}
