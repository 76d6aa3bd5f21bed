package ru.ksamu.release;

import java.util.Objects;
import java.util.Optional;

/** How a target version relates to the installed one, which decides how the server updates. */
public enum UpdateKind {
    /** The DB scripts version differs and the target is newer: countdown, DB lock, migration. */
    MAJOR,
    /** Only the build differs and the target is newer: no DB lock, clients update at next log-in. */
    MINOR,
    /** The versions are equal: nothing to do. */
    NONE,
    /** The target is older than the installed version: never installed silently. */
    DOWNGRADE;

    /**
     * Classifies an update.
     *
     * @param installed the installed version, empty when nothing is installed yet (then the kind
     *                  is {@link #MAJOR}: a first install runs the DB scripts)
     * @param target    the version to install
     */
    public static UpdateKind of(Optional<Version> installed, Version target) {
        Objects.requireNonNull(installed, "installed");
        return installed.map(version -> of(version, target)).orElse(MAJOR);
    }

    /** Classifies an update from an installed version; see {@link #of(Optional, Version)}. */
    public static UpdateKind of(Version installed, Version target) {
        Objects.requireNonNull(installed, "installed");
        Objects.requireNonNull(target, "target");
        int order = target.compareTo(installed);
        if (order == 0) {
            return NONE;
        }
        if (order < 0) {
            return DOWNGRADE;
        }
        return target.sameScripts(installed) ? MINOR : MAJOR;
    }
}
