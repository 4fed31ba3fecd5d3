-- Thumbnails of the distributed mode: written by indexer-service, served by every search-service
-- replica (the standalone mode keeps them as files under its data directory). One small JPEG per
-- photo, replaced when the photo is indexed again.
CREATE TABLE photo_thumbnail (
    collection VARCHAR(255) NOT NULL,
    -- bounded so that the primary key's index entry fits a PostgreSQL page
    photo_id   TEXT         NOT NULL CHECK (octet_length(photo_id) <= 2048),
    jpeg       BYTEA        NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (collection, photo_id)
);
