package dev.loupe.embedder.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of {@code GET /v1/models}.
 *
 * @param data the loaded models, by id
 */
@Schema(name = "ModelList", description = "The models this service has loaded")
public record ModelList(
        @Schema(description = "Loaded models, by id") List<ModelDescription> data) {}
