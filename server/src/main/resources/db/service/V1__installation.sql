-- One row: who this installation is and which release it runs.
-- installed_version is NULL until the first release is installed ("не установлена").
CREATE TABLE installation (
    singleton          INT          NOT NULL PRIMARY KEY CHECK (singleton = 1),
    installation_id    VARCHAR(36)  NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    installed_version  VARCHAR(64)
);
