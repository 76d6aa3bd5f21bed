package ru.ksamu.server.databases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.DatabaseEndpoint;
import ru.ksamu.platform.DatabaseKind;
import ru.ksamu.platform.InvalidSettingException;

/**
 * The registry of managed databases from {@code ksamu.databases.*}. {@code main} is required;
 * every URL must be H2, PostgreSQL or (not for main) Firebird / RedDatabase (checked at start, naming the key).
 */
@Component
public class ManagedDatabases {

    static final String PREFIX = "ksamu.databases";

    private final Map<String, ManagedDatabase> byName;

    ManagedDatabases(Environment env) {
        Map<String, Entry> entries = Binder.get(env).bind(PREFIX, Bindable.mapOf(String.class, Entry.class)).orElse(Map.of());
        Map<String, ManagedDatabase> map = new LinkedHashMap<>();
        entries.forEach((name, e) -> {
            String key = PREFIX + "." + name;
            if (!name.matches("[a-z][a-z0-9-]{0,31}")) {
                throw new InvalidSettingException(key, name,
                        "имя базы: строчные латинские буквы, цифры и дефис",
                        "a database name is lower-case Latin letters, digits and '-'");
            }
            DatabaseEndpoint endpoint = new DatabaseEndpoint(key, e.url(), e.user(), e.password());
            endpoint.kind();
            endpoint.prepareEmbeddedFile(); // an H2 file made here is owner-only (H2 would use the umask)
            String title = e.title() == null || e.title().isBlank() ? name : e.title();
            map.put(name, new ManagedDatabase(name, title, endpoint));
        });
        if (!map.containsKey(ManagedDatabase.MAIN)) {
            throw new InvalidSettingException(PREFIX + ".main.url", "",
                    "главная база (main) должна быть задана", "the main base (main) is required");
        }
        if (map.get(ManagedDatabase.MAIN).kind() == DatabaseKind.FIREBIRD) {
            // Releases migrate and lock the main base: that is built for H2 and PostgreSQL only.
            throw new InvalidSettingException(PREFIX + ".main.url", map.get(ManagedDatabase.MAIN).endpoint().displayUrl(),
                    "главная база может быть только H2 или PostgreSQL; базу Firebird/RedDatabase задайте под другим именем",
                    "the main base must be H2 or PostgreSQL; configure a Firebird/RedDatabase base under another name");
        }
        this.byName = map;
    }

    /** One configured database as bound from the settings. */
    public record Entry(String title, String url, String user, String password) {
    }

    public List<ManagedDatabase> all() {
        return new ArrayList<>(byName.values());
    }

    public Optional<ManagedDatabase> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public ManagedDatabase main() {
        return byName.get(ManagedDatabase.MAIN);
    }
}
