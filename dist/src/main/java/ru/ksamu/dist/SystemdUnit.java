package ru.ksamu.dist;

import java.nio.file.Path;

/** The systemd unit of a service: the start script of the installation, run in the data folder. */
final class SystemdUnit {

    private SystemdUnit() {
    }

    static String fileName(ServiceSpec spec) {
        return spec.id() + ".service";
    }

    static String text(ServiceSpec spec) {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(spec.title()).append(". Создано командой «ksamu service install» / written by \"ksamu service install\".\n");
        s.append("# Включить и запустить / enable and start: systemctl daemon-reload && systemctl enable --now ").append(spec.id()).append('\n');
        s.append("[Unit]\n");
        s.append("Description=").append(spec.title()).append('\n');
        s.append("After=network-online.target\nWants=network-online.target\n\n");
        s.append("[Service]\nType=simple\n");
        spec.user().ifPresent(u -> s.append("User=").append(u).append("\nGroup=").append(u).append('\n'));
        s.append(env(Installation.CONFIG_DIR_ENV, spec.config()));
        s.append(env(Installation.DATA_DIR_ENV, spec.data()));
        spec.javaHome().ifPresent(j -> s.append(env("JAVA_HOME", j)));
        s.append("WorkingDirectory=").append(quoted(spec.data())).append('\n');
        s.append("ExecStart=").append(quoted(spec.home().resolve("bin").resolve("ksamu"))).append(' ').append(spec.program()).append('\n');
        // 143 = 128 + SIGTERM: the JVM's answer to "systemctl stop" is a normal end, not a failure.
        s.append("SuccessExitStatus=143\n");
        s.append("Restart=on-failure\nRestartSec=10\n");
        // The supervisor gives the server 30 s to stop gracefully, then kills it.
        s.append("TimeoutStopSec=60\n\n");
        s.append("[Install]\nWantedBy=multi-user.target\n");
        return s.toString();
    }

    private static String env(String name, Path value) {
        return "Environment=\"" + name + "=" + value + "\"\n";
    }

    /** systemd splits on spaces; a path with one is quoted. */
    private static String quoted(Path p) {
        String s = p.toString();
        return s.contains(" ") ? "\"" + s + "\"" : s;
    }
}
