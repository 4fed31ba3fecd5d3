-- Classifier sessions (/v1/classifiers): each session's current linear classifier and the photos
-- labelled in it. The classifier is p(positive | x) = sigmoid(scale * (weight . x - threshold)).
-- IF NOT EXISTS: standalone data directories migrated before Flyway (schema_version 2) already hold them.
CREATE TABLE IF NOT EXISTS classifier_session (
    id               VARCHAR(36)      PRIMARY KEY,
    name             VARCHAR(200)     NOT NULL,
    prompt           TEXT,
    collection       VARCHAR(255)     NOT NULL,
    filter_json      TEXT,
    model_id         VARCHAR(255)     NOT NULL,
    dimension        INTEGER          NOT NULL CHECK (dimension > 0),
    weight           REAL[]           NOT NULL CHECK (cardinality(weight) = dimension),
    threshold        DOUBLE PRECISION NOT NULL,
    scale            DOUBLE PRECISION NOT NULL,
    round            INTEGER          NOT NULL DEFAULT 0,
    -- the last training round's report; all null until the first round
    trained_at       TIMESTAMPTZ,
    train_loss       DOUBLE PRECISION,
    train_accuracy   DOUBLE PRECISION,
    train_steps      INTEGER,
    train_positives  INTEGER,
    train_negatives  INTEGER,
    train_top_k      INTEGER,
    train_entered    INTEGER,
    train_left       INTEGER,
    created_at       TIMESTAMPTZ      NOT NULL,
    updated_at       TIMESTAMPTZ      NOT NULL
);

CREATE INDEX IF NOT EXISTS classifier_session_created ON classifier_session (created_at DESC);

CREATE TABLE IF NOT EXISTS classifier_label (
    session_id  VARCHAR(36) NOT NULL REFERENCES classifier_session (id) ON DELETE CASCADE,
    -- bounded so that the primary key's index entry fits a PostgreSQL page
    photo_id    TEXT        NOT NULL CHECK (octet_length(photo_id) <= 2048),
    positive    BOOLEAN     NOT NULL,
    labelled_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (session_id, photo_id)
);
