package dev.loupe.embedder.rest.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An error answer in the RFC 9457 problem details format ({@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem
 * @param title what went wrong and what to do, for a person
 * @param status the HTTP status
 * @param detail more about this occurrence
 * @param index the zero-based index of the offending input item, when one item is at fault
 * @param reason a machine-readable cause, when there is one (e.g. {@code TOO_MANY_PIXELS})
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "index", "reason"})
public record Problem(
        @Schema(description = "URI naming the kind of problem", examples = "urn:loupe:problem:corrupt-image")
        String type,

        @Schema(description = "What went wrong and what to do", examples = "Image 2 could not be decoded: truncated")
        String title,

        @Schema(description = "HTTP status", examples = "422")
        int status,

        @Schema(description = "More about this occurrence") String detail,

        @Schema(description = "Zero-based index of the offending input item", examples = "2")
        Integer index,

        @Schema(description = "Machine-readable cause", examples = "CORRUPT")
        String reason) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
