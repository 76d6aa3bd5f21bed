package ru.ksamu.server.update;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import ru.ksamu.platform.InvalidSettingException;

/**
 * Where the cloud is and which region this clinic is in: the configuration's
 * {@code ksamu.update.hub-url} / {@code ksamu.update.region}, unless the admin changed them in the
 * console ("Настройки"); the change is kept in the service database and checked exactly as the
 * configuration is.
 */
@Component
public class CloudSettings {

    static final String HUB_URL = "ksamu.update.hub-url";
    static final String REGION = "ksamu.update.region";

    private final UpdateSettings configured;
    private final JdbcClient jdbc;
    private volatile Cloud current;

    CloudSettings(UpdateSettings configured, JdbcClient jdbc) {
        this.configured = configured;
        this.jdbc = jdbc;
    }

    /** The hub URL and region in force now. */
    public record Cloud(String hubUrl, String region, boolean hubUrlChanged, boolean regionChanged) {
    }

    public Cloud current() {
        Cloud c = current;
        if (c == null) {
            Optional<String> url = stored(HUB_URL);
            Optional<String> region = stored(REGION);
            c = new Cloud(url.orElse(configured.hubUrl()), region.orElse(configured.region()), url.isPresent(),
                    region.isPresent());
            current = c;
        }
        return c;
    }

    public String hubUrl() {
        return current().hubUrl();
    }

    public String region() {
        return current().region();
    }

    /**
     * Each typed value checked on its own, as the configuration checks it: the refusals by form
     * field ({@code hubUrl}, {@code region}), empty when both are fine (blank means "as configured").
     */
    public Map<String, InvalidSettingException> check(String hubUrl, String region) {
        String url = hubUrl == null ? "" : hubUrl.strip();
        String reg = region == null ? "" : region.strip();
        Map<String, InvalidSettingException> refused = new LinkedHashMap<>();
        try {
            settings(url.isEmpty() ? configured.hubUrl() : url, configured.region());
        } catch (InvalidSettingException e) {
            refused.put("hubUrl", e);
        }
        try {
            settings(configured.hubUrl(), reg.isEmpty() ? configured.region() : reg);
        } catch (InvalidSettingException e) {
            refused.put("region", e);
        }
        return refused;
    }

    private UpdateSettings settings(String hubUrl, String region) {
        return new UpdateSettings(hubUrl, region, configured.releaseKeys(), configured.hubKeys(),
                configured.requestTimeout(), configured.readTimeout(), configured.downloadLimitPerSecond(),
                configured.proxy());
    }

    /**
     * Changes both (blank = back to the configuration file's value). A bad value is refused with
     * {@link InvalidSettingException} naming the setting, and nothing is stored.
     */
    @Transactional
    public Cloud change(String hubUrl, String region) {
        String url = hubUrl == null ? "" : hubUrl.strip();
        String reg = region == null ? "" : region.strip();
        // the configuration's own checks, on the new values
        UpdateSettings checked = settings(url.isEmpty() ? configured.hubUrl() : url, reg.isEmpty() ? configured.region() : reg);
        store(HUB_URL, url.isEmpty() ? null : checked.hubUrl());
        store(REGION, reg.isEmpty() ? null : checked.region());
        current = null;
        return current();
    }

    private Optional<String> stored(String name) {
        return jdbc.sql("SELECT setting_value FROM server_setting WHERE name = ?").param(name).query(String.class).optional();
    }

    private void store(String name, String value) {
        jdbc.sql("DELETE FROM server_setting WHERE name = ?").param(name).update();
        if (value != null) {
            jdbc.sql("INSERT INTO server_setting (name, setting_value) VALUES (?, ?)").params(name, value).update();
        }
    }
}
