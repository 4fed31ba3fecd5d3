package dev.loupe.search.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An import job as the API shows it.
 *
 * @param done photos indexed so far
 * @param failures the items that failed, in the order they failed (null in job lists)
 * @param reason why the import as a whole failed; null unless {@code status} is {@code failed}
 */
@Schema(name = "ImportJob", description = "An import and its progress")
@JsonPropertyOrder({
    "id",
    "status",
    "collection",
    "sourceType",
    "source",
    "total",
    "done",
    "failed",
    "skipped",
    "reason",
    "failures",
    "createdAt",
    "startedAt",
    "finishedAt"
})
public record ImportJob(
        String id,
        ImportStatus status,
        String collection,

        @Schema(description = "folder, unsplash-tsv or urls")
        String sourceType,

        @Schema(description = "The folder, file or URL imported, or how many URLs")
        String source,

        @Schema(description = "Items the source held (known once it was read)")
        long total,

        @Schema(description = "Photos indexed") long done,

        @Schema(description = "Items that could not be indexed")
        long failed,

        @Schema(description = "Photos skipped (unchanged since their last import, or repeated)")
        long skipped,

        @Schema(description = "Why the whole import failed; only when status is failed")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String reason,

        @Schema(description = "The items that failed and why (the first 1000)")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<ImportFailure> failures,

        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    /** This job without its failure list, for job lists. */
    ImportJob summary() {
        return new ImportJob(
                id,
                status,
                collection,
                sourceType,
                source,
                total,
                done,
                failed,
                skipped,
                reason,
                null,
                createdAt,
                startedAt,
                finishedAt);
    }
}
