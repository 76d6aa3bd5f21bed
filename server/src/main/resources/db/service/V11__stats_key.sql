-- The key this installation signs its statistics reports with ("Отправка статистики"): made on the
-- first report, registered by the hub with it (trust on first use), never shown.
CREATE TABLE stats_key (
    singleton        INTEGER     NOT NULL PRIMARY KEY,
    installation_key VARCHAR(64) NOT NULL
);
