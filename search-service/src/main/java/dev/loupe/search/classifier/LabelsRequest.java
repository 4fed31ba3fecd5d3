package dev.loupe.search.classifier;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON body of {@code POST /v1/classifiers/{id}/labels}. */
@Schema(
        name = "LabelsRequest",
        description = "Photos to mark right or wrong (a photo labelled before takes its new label), and labels"
                + " to remove; at most loupe.classifiers.max-batch ids in all, each in one list only")
@JsonPropertyOrder({"positive", "negative", "remove"})
public record LabelsRequest(
        @Schema(description = "Ids of photos the classifier should call right")
        List<String> positive,

        @Schema(description = "Ids of photos the classifier should call wrong")
        List<String> negative,

        @Schema(description = "Ids whose labels to remove (unlabelled ids are ignored)")
        List<String> remove) {}
