-- The admin password (the article's default is "admin"), stored as a bcrypt hash.
CREATE TABLE admin_account (
    singleton         INT          NOT NULL PRIMARY KEY CHECK (singleton = 1),
    password_hash     VARCHAR(200) NOT NULL,
    is_default        BOOLEAN      NOT NULL,
    changed_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
