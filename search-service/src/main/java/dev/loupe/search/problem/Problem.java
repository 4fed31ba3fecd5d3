package dev.loupe.search.problem;

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
 * @param field the request field at fault, when one is ({@code limit}, {@code filter}, {@code image})
 * @param reason a machine-readable cause, when there is one (e.g. {@code CORRUPT})
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "field", "reason"})
public record Problem(
        @Schema(description = "URI naming the kind of problem", examples = "urn:loupe:problem:invalid-filter")
        String type,

        @Schema(description = "What went wrong and what to do", examples = "Invalid 'limit': at most 1000, got 1001")
        String title,

        @Schema(description = "HTTP status", examples = "400")
        int status,

        @Schema(description = "More about this occurrence") String detail,

        @Schema(description = "The request field at fault", examples = "limit")
        String field,

        @Schema(description = "Machine-readable cause", examples = "CORRUPT")
        String reason) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
