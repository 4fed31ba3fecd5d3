package dev.loupe.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An import job as the API shows it. Its counts are derived from its items' statuses.
 *
 * @param done the same as {@code indexed}, under search-service's name
 * @param total items the source yielded (photos and refused entries); grows while {@code expanding}
 * @param rate photos finished per second (over {@code loupe.imports.rate-window} while running, over the
 *     whole run once done); 0 before any finished
 * @param etaSeconds seconds until no item is pending at the current rate; 0 once done, null when
 *     unknown (nothing finished yet, or failed)
 * @param failures the first failed items (null in job lists)
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
    "indexed",
    "done",
    "failed",
    "skipped",
    "pending",
    "rate",
    "etaSeconds",
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

        @Schema(description = "Items the source yielded (photos and refused entries)")
        long total,

        @Schema(description = "Photos indexed") long indexed,

        @Schema(description = "Photos indexed (the same as indexed; search-service's name)")
        long done,

        @Schema(description = "Items that could not be indexed (refused entries included)")
        long failed,

        @Schema(description = "Photos skipped (unchanged since their last import)")
        long skipped,

        @Schema(description = "Photos sent and not yet reported")
        long pending,

        @Schema(description = "Photos finished per second") double rate,

        @Schema(description = "Seconds until done at the current rate; 0 once done, absent when unknown")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Long etaSeconds,

        @Schema(description = "Why the whole import failed; only when status is failed")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String reason,

        @Schema(description = "The items that failed and why (the first loupe.imports.failures-limit)")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<ImportFailure> failures,

        Instant createdAt,

        @Schema(description = "When every item was known and sending began")
        Instant startedAt,

        Instant finishedAt) {

    public ImportJob {
        if (done != indexed) {
            throw new IllegalArgumentException("done is indexed under another name");
        }
    }
}
