-- A mirror hub (ksamu.hub.upstream set): the issue time of the newest feed of each channel accepted
-- from the upstream, so that an older feed replayed to the mirror is refused, also after a restart
-- (the rule a clinic server applies to its hub's feeds). Empty on a hub that mirrors nothing.
CREATE TABLE upstream_feeds (
    channel   VARCHAR(16) NOT NULL PRIMARY KEY,
    issued_at TIMESTAMP WITH TIME ZONE NOT NULL
);
