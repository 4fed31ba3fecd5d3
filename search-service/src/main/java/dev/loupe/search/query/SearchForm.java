package dev.loupe.search.query;

import dev.loupe.search.encoder.UploadedImage;
import dev.loupe.search.problem.RequestJson;
import dev.loupe.search.problem.RequestNumbers;
import dev.loupe.vectorstore.FilterJson;
import dev.loupe.vectorstore.SearchQuery;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The multipart form of {@code POST /v1/search}: the JSON body's fields as form fields ({@code
 * weights} and {@code filter} as JSON text) plus an uploaded {@code image}.
 */
public class SearchForm {

    @RestForm("image")
    @Schema(
            type = SchemaType.ARRAY,
            maxItems = 1,
            description = "An example image (JPEG, PNG, GIF, BMP, WebP); one part")
    public List<FileUpload> image;

    @RestForm
    @PartType("text/plain")
    public String text;

    @RestForm
    @PartType("text/plain")
    public String imageUrl;

    @RestForm
    @PartType("text/plain")
    public String photoId;

    @RestForm
    @PartType("text/plain")
    public String negativeText;

    @RestForm
    @PartType("text/plain")
    @Schema(description = "JSON object of weights, e.g. {\"text\": 1, \"image\": 1, \"negativeText\": 0.5}")
    public String weights;

    @RestForm
    @PartType("text/plain")
    @Schema(description = "JSON filter, e.g. {\"field\": \"tags\", \"op\": \"contains\", \"value\": \"cat\"}")
    public String filter;

    @RestForm
    @PartType("text/plain")
    public String collection;

    @RestForm
    @PartType("text/plain")
    public String limit;

    @RestForm
    @PartType("text/plain")
    public String offset;

    @RestForm
    @PartType("text/plain")
    public String minScore;

    /** Parses the fields and checks the numeric bounds. */
    SearchInput toInput() {
        Double min = RequestNumbers.decimal("minScore", minScore, -1, 1);
        return new SearchInput(
                text,
                UploadedImage.single("image", image),
                imageUrl,
                photoId,
                negativeText,
                SearchWeights.parse(RequestJson.parse("weights", weights)),
                FilterJson.parse(filter),
                collection,
                RequestNumbers.integer("limit", limit, SearchInput.DEFAULT_LIMIT, 1, SearchQuery.MAX_LIMIT),
                RequestNumbers.integer("offset", offset, 0, 0, SearchQuery.MAX_OFFSET),
                min == null ? null : min.floatValue());
    }
}
