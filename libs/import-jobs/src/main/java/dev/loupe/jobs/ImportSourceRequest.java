package dev.loupe.jobs;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where an import reads its photos (checked by {@code ImportPlanner} in libs/ingest). Shared by
 * search-service (standalone imports) and indexer-service, whose APIs take the same request.
 *
 * @param type {@code folder}, {@code unsplash-tsv} or {@code urls}
 * @param path a folder ({@code folder}) or a TSV file ({@code unsplash-tsv}) under an import root
 * @param url the http(s) URL of an Unsplash TSV file ({@code unsplash-tsv})
 * @param urls photo URLs ({@code urls})
 */
@Schema(name = "ImportSource", description = "Where the photos come from")
public record ImportSourceRequest(
        @Schema(
                description = "folder, unsplash-tsv or urls",
                enumeration = {"folder", "unsplash-tsv", "urls"},
                required = true)
        String type,

        @Schema(
                description =
                        "folder: the folder; unsplash-tsv: a TSV file. Must lie under the service's import roots (loupe.imports.roots)")
        String path,

        @Schema(description = "unsplash-tsv: an http(s) URL of photos.tsv (instead of path)")
        String url,

        @Schema(description = "urls: http(s) URLs of photos, at most the service's limit (loupe.imports.max-urls)")
        List<String> urls) {}
