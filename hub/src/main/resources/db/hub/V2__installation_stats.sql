-- The latest statistics report of every KSAMU server ("Отправка статистики"), one row per
-- installation. key_sha256: the SHA-256 of the key its first report carried (trust on first use).
-- tasks: JSON array of {type, state, finishedAt}, written by the hub from the parsed report.
CREATE TABLE installation_stats (
    installation_id   VARCHAR(36)  NOT NULL PRIMARY KEY,
    key_sha256        VARCHAR(64)  NOT NULL,
    region            VARCHAR(3),
    installed_version VARCHAR(64),
    server_version    VARCHAR(64)  NOT NULL,
    tasks             VARCHAR      NOT NULL,
    first_seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    reports           BIGINT       NOT NULL
);
