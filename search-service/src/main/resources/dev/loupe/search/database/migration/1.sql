-- Import jobs (POST /v1/imports) and the photos each could not import.
CREATE TABLE import_job (
    id          VARCHAR(36)  PRIMARY KEY,
    status      VARCHAR(16)  NOT NULL,
    collection  VARCHAR(255) NOT NULL,
    source_type VARCHAR(32)  NOT NULL,
    source      TEXT         NOT NULL,
    total       BIGINT       NOT NULL DEFAULT 0,
    done        BIGINT       NOT NULL DEFAULT 0,
    failed      BIGINT       NOT NULL DEFAULT 0,
    skipped     BIGINT       NOT NULL DEFAULT 0,
    reason      TEXT,
    created_at  TIMESTAMPTZ  NOT NULL,
    started_at  TIMESTAMPTZ,
    finished_at TIMESTAMPTZ
);

CREATE INDEX import_job_created ON import_job (created_at DESC);

CREATE TABLE import_failure (
    job_id   VARCHAR(36) NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    position BIGSERIAL   NOT NULL,
    source   TEXT        NOT NULL,
    reason   TEXT        NOT NULL,
    PRIMARY KEY (job_id, position)
);
