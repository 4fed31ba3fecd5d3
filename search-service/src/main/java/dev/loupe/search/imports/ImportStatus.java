package dev.loupe.search.imports;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an import job stands. */
public enum ImportStatus {
    /** Waiting for a free import slot. */
    QUEUED,
    /** Importing. */
    RUNNING,
    /** Every item was indexed, skipped or failed alone. */
    DONE,
    /** The import as a whole could not run (unreadable source, restart); {@code reason} says why. */
    FAILED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ImportStatus parse(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
