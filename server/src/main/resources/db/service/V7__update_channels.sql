-- What the server last learned from the cloud, per channel: the newest feed it accepted (a feed
-- older than this is a replay and is refused), and the outcome of the last check.
CREATE TABLE update_channel (
    channel          VARCHAR(8)    NOT NULL PRIMARY KEY,
    last_issued_at   TIMESTAMP WITH TIME ZONE,
    checked_at       TIMESTAMP WITH TIME ZONE,
    ok               BOOLEAN,
    message          VARCHAR(4000),
    newest_version   VARCHAR(64),
    newest_notes     VARCHAR(4000),
    target_version   VARCHAR(64)
);
