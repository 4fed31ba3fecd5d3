-- Import jobs (POST /v1/imports) and their items: one row per photo the source yielded, or per
-- entry it refused. A job's counts are derived from its items' statuses. One job system for both modes:
-- run in process (standalone) or by indexer-service through Kafka (distributed).
-- IF NOT EXISTS: databases migrated before Flyway (indexer-service's schema_version 1) already hold them.
CREATE TABLE IF NOT EXISTS import_job (
    id          VARCHAR(36)  PRIMARY KEY,
    status      VARCHAR(16)  NOT NULL CHECK (status IN ('expanding', 'running', 'done', 'failed')),
    collection  VARCHAR(255) NOT NULL,
    source_type VARCHAR(32)  NOT NULL,
    source      TEXT         NOT NULL,
    -- the request's source, read again when an expansion cut off by a crash resumes
    request     JSONB        NOT NULL,
    reason      TEXT,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    started_at  TIMESTAMPTZ,
    finished_at TIMESTAMPTZ
);

CREATE INDEX IF NOT EXISTS import_job_created ON import_job (created_at DESC, id);
CREATE INDEX IF NOT EXISTS import_job_active ON import_job (status) WHERE status IN ('expanding', 'running');

CREATE TABLE IF NOT EXISTS import_items (
    import_id       VARCHAR(36)  NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    -- the item's place in the source (sources read in a deterministic order), so that a resumed
    -- expansion inserts each item once, refused entries included
    position        INTEGER      NOT NULL,
    -- null for an entry the source refused
    photo_id        VARCHAR(512),
    -- the URL, file or TSV row it came from, for a person
    source          TEXT         NOT NULL,
    status          VARCHAR(16)  NOT NULL CHECK (status IN ('pending', 'indexed', 'skipped', 'failed')),
    reason          TEXT,
    -- how many times the item was sent: 1 at first, one more per redrive; 0 for a refused entry
    attempts        INTEGER      NOT NULL DEFAULT 0,
    -- the photo-ingested event of the current attempt
    event           JSONB,
    -- true while the current attempt's event has not been acknowledged by the publisher
    publish_pending BOOLEAN      NOT NULL DEFAULT false,
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (import_id, position),
    UNIQUE (import_id, photo_id)
);

CREATE INDEX IF NOT EXISTS import_items_status ON import_items (import_id, status);
CREATE INDEX IF NOT EXISTS import_items_unpublished ON import_items (import_id, position) WHERE publish_pending;
