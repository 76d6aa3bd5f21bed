package ru.ksamu.hub.mirror;

import java.time.Instant;
import java.util.List;

/**
 * What the last syncs of this node found, for the {@code upstream} health contributor: kept in
 * memory (each node of a hub syncs and reports for itself).
 */
final class MirrorStatus {

    /**
     * @param lastAttempt  when the last sync started, null before the first
     * @param lastSuccess  when the last sync that left nothing missing started, null if none did
     * @param errorRussian the last sync's failures, Russian, naming the upstream; null when it succeeded
     * @param errorEnglish the same in English
     * @param offered      versions the upstream's verified feeds offered at the last sync that read them
     * @param missing      of those, the versions this hub does not offer (not taken, or refused)
     */
    record Snapshot(Instant lastAttempt, Instant lastSuccess, String errorRussian, String errorEnglish,
                    List<String> offered, List<String> missing) {
    }

    private volatile Snapshot snapshot = new Snapshot(null, null, null, null, List.of(), List.of());

    Snapshot snapshot() {
        return snapshot;
    }

    /** A sync that read the feeds: {@code missing} empty and no error means success. */
    synchronized void synced(Instant started, List<String> offered, List<String> missing, String russian,
                             String english) {
        boolean success = missing.isEmpty() && russian == null;
        snapshot = new Snapshot(started, success ? started : snapshot.lastSuccess(), russian, english,
                List.copyOf(offered), List.copyOf(missing));
    }

    /** A sync that could not read or trust the feeds: what was missing before stays missing. */
    synchronized void failed(Instant started, String russian, String english) {
        Snapshot last = snapshot;
        snapshot = new Snapshot(started, last.lastSuccess(), russian, english, last.offered(), last.missing());
    }
}
