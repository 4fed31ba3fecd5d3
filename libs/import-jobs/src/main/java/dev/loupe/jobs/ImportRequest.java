package dev.loupe.jobs;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A request to import photos, to search-service or indexer-service.
 *
 * @param source where the photos come from
 * @param collection the collection to import into; the default one when null
 */
@Schema(name = "ImportRequest", description = "Photos to import and the collection they go to")
public record ImportRequest(
        @Schema(required = true) ImportSourceRequest source,

        @Schema(description = "Target collection (created when missing); the default collection when absent")
        String collection) {}
