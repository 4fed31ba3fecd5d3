package dev.loupe.indexer.jobs;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A request to import photos (the same shape as search-service's).
 *
 * @param source where the photos come from
 * @param collection the collection to import into; {@code loupe.jobs.default-collection} when null
 */
@Schema(name = "ImportRequest", description = "Photos to import and the collection they go to")
public record ImportRequest(
        @Schema(required = true) ImportSourceRequest source,

        @Schema(description = "Target collection; loupe.jobs.default-collection when absent")
        String collection) {}
