-- Installations prove who they are: the id is derived from the installation's own Ed25519 public
-- key (ru.ksamu.release.signing.InstallationIdentity) and every report is signed by that key.
-- Additive only. Rows of the first scheme (random ids, key_sha256 of a secret) stay listed with
-- public_key NULL; their ids are derived from no key, so nothing can report to them again. Rows of
-- the signed scheme keep in key_sha256 the SHA-256 of the public key's X.509 encoding.
ALTER TABLE installation_stats ADD COLUMN public_key VARCHAR(200);
-- X-Ksamu-Sent-At of the last accepted report (microseconds): a later report must be sent later.
ALTER TABLE installation_stats ADD COLUMN last_sent_at TIMESTAMP WITH TIME ZONE;
-- The address the first accepted report came from, for ksamu.hub.stats.max-new-per-address.
ALTER TABLE installation_stats ADD COLUMN registered_from VARCHAR(100);
CREATE INDEX installation_stats_registered ON installation_stats (registered_from, first_seen_at);
-- The listing's order (newest report first, ties by id), one page at a time.
CREATE INDEX installation_stats_recent ON installation_stats (received_at DESC, installation_id);

-- One row per address that registered an installation. A registration updates its address's row
-- first and holds that row lock while it counts the address's recent registrations, so hub
-- processes sharing one database count the registrations of one address one at a time.
CREATE TABLE stats_registration_addresses (
    address            VARCHAR(100) NOT NULL PRIMARY KEY,
    last_registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);
