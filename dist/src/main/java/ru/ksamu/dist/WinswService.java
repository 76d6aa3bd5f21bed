package ru.ksamu.dist;

import java.nio.file.Path;

/**
 * The WinSW service definition of a service ({@code bin/ksamu-server.xml} beside WinSW's
 * {@code ksamu-server.exe}). WinSW starts {@code java.exe} with the launcher jar itself: a
 * {@code .cmd} cannot be started by a Windows service directly.
 */
final class WinswService {

    private WinswService() {
    }

    static String fileName(ServiceSpec spec) {
        return spec.id() + ".xml";
    }

    static String text(ServiceSpec spec, Path javaHome) {
        String java = spec.javaHome().orElse(javaHome).resolve("bin").resolve("java.exe").toString();
        StringBuilder args = new StringBuilder();
        for (String option : Ksamu.ENCODING) {
            args.append(option).append(' ');
        }
        args.append("-jar \"").append(spec.home().resolve("lib").resolve("ksamu.jar")).append("\" ").append(spec.program());
        StringBuilder s = new StringBuilder();
        s.append("<!-- ").append(spec.title()).append(". Создано командой «ksamu service install» / written by \"ksamu service install\".\n");
        s.append("     Установка службы / install: ").append(spec.id()).append(".exe install (WinSW, переименованный / renamed), затем / then ")
                .append(spec.id()).append(".exe start -->\n");
        s.append("<service>\n");
        s.append(tag("id", spec.id()));
        s.append(tag("name", spec.title()));
        s.append(tag("description", "server".equals(spec.program())
                ? "Сервер обновлений и заданий МИС КСАМУ под супервизором / KSAMU update and task server, supervised"
                : "Хаб выпусков КСАМУ / KSAMU release hub"));
        s.append(tag("executable", java));
        s.append(tag("arguments", args.toString()));
        s.append("  <env name=\"").append(Installation.CONFIG_DIR_ENV).append("\" value=\"").append(xml(spec.config().toString())).append("\"/>\n");
        s.append("  <env name=\"").append(Installation.DATA_DIR_ENV).append("\" value=\"").append(xml(spec.data().toString())).append("\"/>\n");
        s.append(tag("workingdirectory", spec.data().toString()));
        s.append(tag("startmode", "Automatic"));
        s.append(tag("stoptimeout", "60 sec"));
        s.append("  <onfailure action=\"restart\" delay=\"10 sec\"/>\n");
        s.append("  <log mode=\"roll-by-size\"/>\n");
        s.append("</service>\n");
        return s.toString();
    }

    private static String tag(String name, String value) {
        return "  <" + name + ">" + xml(value) + "</" + name + ">\n";
    }

    private static String xml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
