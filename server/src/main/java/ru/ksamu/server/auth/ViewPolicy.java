package ru.ksamu.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which parts of the console may be viewed without the admin password. Viewing is open by
 * default, as in the article; the admin can make any tab (its page and its read API) need a
 * sign-in, as the article's "Для входа в настройки задач используйте пароль admin" does for the
 * task settings. Kept in the service database ({@code server_setting}); a sign-in is never needed
 * for what clinic programs read ({@code /api/v1/client/**}, {@code /api/v1/mis/**}) or the health
 * check.
 */
@Component
public class ViewPolicy {

    static final String SETTING = "ksamu.console.login-to-view";

    /** A tab of the console and the read API behind it. */
    public enum Area {
        TASKS("Задачи", "Tasks", "/tasks", "/api/v1/tasks"),
        THREADS("Менеджер потоков", "Thread manager", "/threads", "/api/v1/threads"),
        MAINTENANCE("Технические работы", "Maintenance", "/maintenance", "/api/v1/backups"),
        UPDATE("Обновление", "Update", "/update", "/api/v1/update"),
        LOGS("Логи", "Logs", "/logs", "/api/v1/logs"),
        CLIENTS("Клиенты", "Clients", "/clients", "/api/v1/clients"),
        SETTINGS("Настройки", "Settings", "/settings");

        private final String titleRu;
        private final String titleEn;
        private final List<String> prefixes;

        Area(String titleRu, String titleEn, String... prefixes) {
            this.titleRu = titleRu;
            this.titleEn = titleEn;
            this.prefixes = List.of(prefixes);
        }

        public String titleRu() {
            return titleRu;
        }

        public String titleEn() {
            return titleEn;
        }

        boolean covers(String path) {
            return prefixes.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
        }
    }

    private final JdbcClient jdbc;
    private volatile Set<Area> cached;

    ViewPolicy(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The tabs that need a sign-in to view (empty: everything is open). */
    public Set<Area> loginToView() {
        Set<Area> c = cached;
        if (c == null) {
            c = jdbc.sql("SELECT setting_value FROM server_setting WHERE name = ?").param(SETTING).query(String.class)
                    .optional().map(ViewPolicy::parse).orElse(EnumSet.noneOf(Area.class));
            cached = c;
        }
        return c;
    }

    /**
     * Does viewing this request need a sign-in? The request is judged by the path Spring MVC will
     * serve it under ({@link #servedPath}), never by its raw spelling: {@code /%74asks},
     * {@code /tasks;x=1} and {@code /tasks/} are the tab "Задачи" as much as {@code /tasks} is.
     */
    public boolean requiresLogin(HttpServletRequest request) {
        Set<Area> closed = loginToView();
        if (closed.isEmpty()) {
            return false;
        }
        Optional<String> path = servedPath(request);
        // A path that cannot be read is closed whenever anything is: it cannot be shown to be open.
        return path.isEmpty() || areaOf(path.get()).filter(closed::contains).isPresent();
    }

    /**
     * The path as MVC matches it: each segment percent-decoded and without its {@code ;params}
     * (Spring's {@link PathContainer.PathSegment#valueToMatch()}), repeated slashes folded, in lower
     * case (matching is case-sensitive in MVC, so a differently cased spelling is at most closed
     * needlessly, never opened). Empty when the path is not well-formed.
     */
    static Optional<String> servedPath(HttpServletRequest request) {
        try {
            RequestPath parsed = RequestPath.parse(request.getRequestURI(), request.getContextPath());
            StringBuilder out = new StringBuilder();
            for (PathContainer.Element e : parsed.pathWithinApplication().elements()) {
                out.append(e instanceof PathContainer.PathSegment s ? s.valueToMatch() : e.value());
            }
            return Optional.of(REPEATED_SLASHES.matcher(out).replaceAll("/").toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static final Pattern REPEATED_SLASHES = Pattern.compile("/{2,}");

    static Optional<Area> areaOf(String path) {
        return Arrays.stream(Area.values()).filter(a -> a.covers(path)).findFirst();
    }

    /** Replaces the set of tabs that need a sign-in to view. */
    @Transactional
    public Set<Area> change(Set<Area> areas) {
        Set<Area> copy = areas.isEmpty() ? EnumSet.noneOf(Area.class) : EnumSet.copyOf(areas);
        jdbc.sql("DELETE FROM server_setting WHERE name = ?").param(SETTING).update();
        if (!copy.isEmpty()) {
            jdbc.sql("INSERT INTO server_setting (name, setting_value) VALUES (?, ?)")
                    .params(SETTING, copy.stream().map(Enum::name).collect(Collectors.joining(","))).update();
        }
        cached = null;
        return loginToView();
    }

    /** Reads the stored list; a name this version does not know (written by a newer one) is skipped. */
    static Set<Area> parse(String stored) {
        Set<Area> out = EnumSet.noneOf(Area.class);
        for (String s : stored.split(",")) {
            Arrays.stream(Area.values()).filter(a -> a.name().equals(s.strip())).findFirst().ifPresent(out::add);
        }
        return out;
    }
}
