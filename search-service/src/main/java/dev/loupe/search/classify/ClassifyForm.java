package dev.loupe.search.classify;

import dev.loupe.search.encoder.UploadedImage;
import dev.loupe.search.problem.RequestJson;
import dev.loupe.search.problem.RequestNumbers;
import dev.loupe.vectorstore.FilterJson;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The multipart form of {@code POST /v1/classify}: an uploaded {@code image} to classify, or the JSON
 * body's fields as form fields. {@code labels}, {@code templates} and {@code photoIds} are either
 * repeated fields (one value each) or one field holding a JSON array; {@code filter} is JSON text.
 */
public class ClassifyForm {

    @RestForm("image")
    @Schema(type = SchemaType.ARRAY, maxItems = 1, description = "An image to classify; one part")
    public List<FileUpload> image;

    @RestForm
    @PartType("text/plain")
    @Schema(description = "Labels: repeat the field, or send one JSON array")
    public List<String> labels;

    @RestForm
    @PartType("text/plain")
    @Schema(description = "Prompt templates holding {}: repeat the field, or send one JSON array")
    public List<String> templates;

    @RestForm
    @PartType("text/plain")
    @Schema(description = "Stored photo ids: repeat the field, or send one JSON array")
    public List<String> photoIds;

    @RestForm
    @PartType("text/plain")
    @Schema(description = "JSON filter of the stored photos to classify")
    public String filter;

    @RestForm
    @PartType("text/plain")
    public String collection;

    @RestForm
    @PartType("text/plain")
    public String limit;

    /** Parses the fields and checks the numeric bounds. */
    ClassifyInput toInput(int maxPhotos) {
        return new ClassifyInput(
                list("labels", labels),
                list("templates", templates),
                list("photoIds", photoIds),
                filter == null || filter.isBlank() ? null : FilterJson.parse(filter),
                UploadedImage.single("image", image),
                collection,
                RequestNumbers.integer("limit", limit, ClassifyInput.DEFAULT_LIMIT, 1, maxPhotos));
    }

    /** Repeated fields as they are, or the strings of one JSON array field; null when absent. */
    private static List<String> list(String field, List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1 || !values.getFirst().strip().startsWith("[")) {
            return values;
        }
        return RequestJson.strings(field, values.getFirst());
    }
}
