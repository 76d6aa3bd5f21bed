-- The workstations allowed to read the clinic's data through the MIS API (/api/v1/mis/**): each
-- registered itself with the enrollment code the admin sees on "Клиенты" and got a token; only the
-- token's SHA-256 is kept. A revoked workstation keeps its row (the admin sees who it was).
CREATE TABLE client_workstation (
    workstation_id  VARCHAR(36)  NOT NULL PRIMARY KEY,
    name            VARCHAR(100) NOT NULL,
    user_name       VARCHAR(100) NOT NULL,
    token_hash      VARCHAR(64)  NOT NULL UNIQUE,
    registered_from VARCHAR(64)  NOT NULL,
    registered_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at    TIMESTAMP WITH TIME ZONE,
    revoked_at      TIMESTAMP WITH TIME ZONE
);
