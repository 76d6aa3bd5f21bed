-- What a lock of a managed PostgreSQL database (a major update, a restore) took away: for each
-- grantee (PUBLIC or a role of ksamu.update.lock-roles) that had CONNECT on the database, one row,
-- written before the REVOKE. Unlocking, and the next start after a crash, grant back exactly these
-- and delete the rows, so a CONNECT a DBA revoked on purpose stays revoked.
CREATE TABLE lock_grant (
    database_name  VARCHAR(100) NOT NULL,
    grantee        VARCHAR(200) NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (database_name, grantee)
);
