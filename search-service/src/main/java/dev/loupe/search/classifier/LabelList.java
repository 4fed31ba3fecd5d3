package dev.loupe.search.classifier;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /v1/classifiers/{id}/labels}: the labelled photo ids, oldest label first. */
@Schema(name = "LabelList", description = "The photos of a session labelled right and wrong")
public record LabelList(
        @Schema(description = "Ids of the photos marked right")
        List<String> positive,

        @Schema(description = "Ids of the photos marked wrong")
        List<String> negative) {}
