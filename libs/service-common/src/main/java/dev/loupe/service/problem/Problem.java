package dev.loupe.service.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An error answer in the RFC 9457 problem details format ({@code application/problem+json}), with the
 * extension members Loupe's services use; members that are null are left out of the JSON.
 *
 * @param type a URI naming the kind of problem
 * @param title what went wrong and what to do, for a person
 * @param status the HTTP status
 * @param detail more about this occurrence
 * @param field the request field at fault, when one is ({@code limit}, {@code filter}, {@code image})
 * @param index the zero-based index of the offending input item, when one item of a list is at fault
 * @param reason a machine-readable cause, when there is one (e.g. {@code TOO_MANY_PIXELS})
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "field", "index", "reason"})
public record Problem(
        @Schema(description = "URI naming the kind of problem", examples = "urn:loupe:problem:corrupt-image")
        String type,

        @Schema(description = "What went wrong and what to do", examples = "Invalid 'limit': at most 1000, got 1001")
        String title,

        @Schema(description = "HTTP status", examples = "400")
        int status,

        @Schema(description = "More about this occurrence") String detail,

        @Schema(description = "The request field at fault", examples = "limit")
        String field,

        @Schema(description = "Zero-based index of the offending input item", examples = "2")
        Integer index,

        @Schema(description = "Machine-readable cause", examples = "CORRUPT")
        String reason) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** This problem naming the request field at fault; null leaves it out. */
    public Problem withField(String field) {
        return new Problem(type, title, status, detail, field, index, reason);
    }

    /** This problem naming the offending item by its zero-based index; null leaves it out. */
    public Problem withIndex(Integer index) {
        return new Problem(type, title, status, detail, field, index, reason);
    }

    /** This problem with a machine-readable cause; null leaves it out. */
    public Problem withReason(String reason) {
        return new Problem(type, title, status, detail, field, index, reason);
    }
}
