package ru.ksamu.platform;

import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Logs the effective {@code ksamu.*} settings once, when the service is ready: one INFO block with
 * each key named in the settings file (or set as a property, a command-line argument or a test
 * property) and its value after environment variables and placeholders. Values of keys whose name
 * says password, token or secret are shown as {@code ***}, as is a {@code password=} inside a URL
 * and the password of a URL's {@code user:password@};
 * an empty value as {@code ""}.
 * Not a KSAMU service context (no {@code ksamu.data-dir}): nothing is logged.
 */
public class EffectiveSettings implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(EffectiveSettings.class);
    static final String MASK = "***";
    private static final Pattern SECRET = Pattern.compile("password|token|secret");
    /** Not settings: the map that turns {@code ksamu.log-format} into Spring Boot's format. */
    private static final String NOT_A_SETTING = "ksamu.log-formats.";

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        ConfigurableEnvironment env = event.getApplicationContext().getEnvironment();
        if (env.getProperty(StartupSettingsCheck.DATA_DIR) == null) {
            return;
        }
        log.info(describe(env, event.getSpringApplication().getMainApplicationClass()));
    }

    /** The block: a heading line, then {@code  key = value} per key, sorted by key. */
    static String describe(ConfigurableEnvironment env, Class<?> application) {
        TreeSet<String> keys = new TreeSet<>();
        for (PropertySource<?> source : env.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> names) {
                for (String name : names.getPropertyNames()) {
                    if (name.startsWith("ksamu.") && !name.startsWith(NOT_A_SETTING)) {
                        keys.add(name);
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder("Действующие настройки / effective settings")
                .append(application == null ? "" : " (" + application.getSimpleName() + ")").append(':');
        for (String key : keys) {
            out.append(System.lineSeparator()).append("  ").append(key).append(" = ").append(shown(env, key));
        }
        return out.toString();
    }

    private static String shown(ConfigurableEnvironment env, String key) {
        String value;
        try {
            value = env.getProperty(key);
        } catch (IllegalArgumentException e) {
            value = "<" + e.getMessage() + ">"; // an unresolvable placeholder
        }
        if (value == null || value.isEmpty()) {
            return "\"\"";
        }
        // a password inside a JDBC URL is hidden the way DatabaseEndpoint.displayUrl hides it
        // and so is the password of an address's user:password@ (a proxy, ksamu.update.proxy)
        return isSecret(key) ? MASK : value.replaceAll("(?i)(password=)[^;&]*", "$1" + MASK)
                .replaceAll("(://[^/@:\\s]*:)[^/\\s]*@", "$1" + MASK + "@");
    }

    /** Whether a key's value is never printed: its name mentions a password, a token or a secret. */
    static boolean isSecret(String key) {
        return SECRET.matcher(key.toLowerCase(Locale.ROOT)).find();
    }
}
