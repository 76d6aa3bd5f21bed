-- This installation's own Ed25519 key pair (text forms: SigningKey.toText / TrustedKey.toText).
-- It signs the statistics reports, and the installation id is derived from the public half
-- (InstallationIdentity.idOf). Made with the installation row; a row from before this migration
-- gets a key, and the derived id, at the server's next start. stats_key (V11) is no longer used.
ALTER TABLE installation ADD COLUMN signing_key VARCHAR(200);
ALTER TABLE installation ADD COLUMN public_key VARCHAR(200);
