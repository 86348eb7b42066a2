-- Rules governance: every stored rules version with its files, every activation (the active version is the
-- latest activation, so one INSERT changes it: a crash leaves the old or the new version, never a mixture), and
-- the proposals of two-person approval. Portable SQL: the same migration runs on H2 and on PostgreSQL.

CREATE TABLE rules_version (
    id                INTEGER      NOT NULL PRIMARY KEY,
    version_label     VARCHAR(100) NOT NULL,
    content_hash      VARCHAR(71)  NOT NULL,
    origin            VARCHAR(20)  NOT NULL,   -- packaged | directory | upload
    stored_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    stored_by         VARCHAR(200) NOT NULL,
    validation_report TEXT         NOT NULL,   -- the report it passed (JSON, as the API gives it)
    CONSTRAINT rules_version_label_unique UNIQUE (version_label),
    CONSTRAINT rules_version_hash_unique UNIQUE (content_hash)
);

CREATE TABLE rules_file (
    version_id INTEGER       NOT NULL REFERENCES rules_version (id),
    path       VARCHAR(300)  NOT NULL,
    content    TEXT          NOT NULL,
    PRIMARY KEY (version_id, path)
);

-- kind: activation | rollback | approval. restores_to: the activation a rollback from this one returns to (the
-- one that was live before it), so that rollbacks walk back along the history and never forward.
CREATE TABLE rules_activation (
    id           INTEGER      NOT NULL PRIMARY KEY,
    version_id   INTEGER      NOT NULL REFERENCES rules_version (id),
    kind         VARCHAR(20)  NOT NULL,
    actor        VARCHAR(200) NOT NULL,
    reason       VARCHAR(2000) NOT NULL,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    restores_to  INTEGER      REFERENCES rules_activation (id),
    proposal_id  INTEGER,
    validation_report TEXT    NOT NULL    -- the report of the validation run just before it went live (JSON)
);

-- status: open | approved | withdrawn
CREATE TABLE rules_proposal (
    id             INTEGER       NOT NULL PRIMARY KEY,
    version_id     INTEGER       NOT NULL REFERENCES rules_version (id),
    proposed_by    VARCHAR(200)  NOT NULL,
    proposed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    reason         VARCHAR(2000) NOT NULL,
    impact_preview TEXT          NOT NULL,  -- JSON, as the API gives it
    status         VARCHAR(20)   NOT NULL,
    decided_by     VARCHAR(200),
    decided_at     TIMESTAMP WITH TIME ZONE,
    decision_note  VARCHAR(2000)
);
