package dev.loupe.jobs;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an import job stands. */
public enum ImportStatus {
    /** Its source is being read into items (resumed by another instance if this one dies). */
    EXPANDING,
    /** Every item is known; their events are published and the consumer reports their outcomes. */
    RUNNING,
    /** No item is pending: each was indexed, skipped or failed alone. */
    DONE,
    /** The import as a whole could not run (unreadable source); {@code reason} says why. */
    FAILED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a stored value ({@code running}). */
    public static ImportStatus parse(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
