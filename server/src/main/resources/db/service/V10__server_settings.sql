-- Settings the admin changes in the console ("Настройки"): they override the configuration file's
-- value of the same key (ksamu.update.hub-url, ksamu.update.region) until cleared.
CREATE TABLE server_setting (
    name          VARCHAR(64)   NOT NULL PRIMARY KEY,
    setting_value VARCHAR(1000) NOT NULL
);
