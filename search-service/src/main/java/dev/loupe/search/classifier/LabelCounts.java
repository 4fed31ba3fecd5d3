package dev.loupe.search.classifier;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How many photos of a session are labelled right (positive) and wrong (negative). */
@Schema(name = "LabelCounts", description = "Labelled photos of a session, by label")
public record LabelCounts(
        @Schema(description = "Photos marked right") long positive,
        @Schema(description = "Photos marked wrong") long negative) {

    public static final LabelCounts NONE = new LabelCounts(0, 0);
}
