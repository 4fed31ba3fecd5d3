package dev.loupe.search.collection;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.loupe.search.encoder.EncoderInfo;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The model that embeds queries, as the API shows it.
 *
 * @param meaningful false while the bundled random-weight test model answers: results are noise
 */
@Schema(name = "Model", description = "The model that embeds queries")
@JsonPropertyOrder({"id", "dimensions", "modalities", "meaningful"})
public record ModelView(
        @Schema(description = "Model id", examples = "clip-vit-base-patch32")
        String id,

        @Schema(description = "Length of its vectors", examples = "512")
        int dimensions,

        @Schema(description = "What it embeds", examples = "[\"image\", \"text\"]")
        List<String> modalities,

        @Schema(
                description = "False for the random-weight test model clip-tiny-random: results mean nothing until"
                        + " deploy/models/fetch-model.sh fetched a real model")
        boolean meaningful) {

    public static ModelView of(EncoderInfo info) {
        return new ModelView(
                info.modelId(),
                info.dimensions(),
                info.modalities().stream()
                        .map(m -> m.name().toLowerCase(Locale.ROOT))
                        .sorted()
                        .toList(),
                info.meaningful());
    }
}
