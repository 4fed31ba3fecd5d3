package dev.loupe.indexer.problem;

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
 * @param field the request field at fault, when one is ({@code source.path})
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "field"})
public record Problem(
        @Schema(description = "URI naming the kind of problem", examples = "urn:loupe:problem:invalid-request")
        String type,

        @Schema(description = "What went wrong and what to do", examples = "Invalid 'source.type': one of ...")
        String title,

        @Schema(description = "HTTP status", examples = "400")
        int status,

        @Schema(description = "More about this occurrence") String detail,

        @Schema(description = "The request field at fault", examples = "source.path")
        String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Problem types are URNs: they name the kind of problem without promising a page to fetch. */
    private static final String TYPE_PREFIX = "urn:loupe:problem:";

    /** A problem of kind {@code urn:loupe:problem:<type>}. */
    public static Problem of(int status, String type, String title, String detail, String field) {
        return new Problem(TYPE_PREFIX + type, title, status, detail, field);
    }

    /** This problem as a response with its status and media type. */
    public jakarta.ws.rs.core.Response response() {
        return jakarta.ws.rs.core.Response.status(status)
                .type(MEDIA_TYPE)
                .entity(this)
                .build();
    }
}
