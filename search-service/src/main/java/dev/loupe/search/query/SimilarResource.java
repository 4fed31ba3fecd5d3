package dev.loupe.search.query;

import dev.loupe.search.problem.RequestNumbers;
import dev.loupe.service.problem.Problem;
import dev.loupe.vectorstore.SearchQuery;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** "More like this": the photos nearest to a stored photo. */
@Path("/v1/photos/{id}/similar")
@Tag(name = "Photos", description = "One photo and the photos like it")
@Produces(MediaType.APPLICATION_JSON)
@RunOnVirtualThread
public class SimilarResource {

    private final SearchService service;

    SimilarResource(SearchService service) {
        this.service = service;
    }

    @GET
    @Operation(
            summary = "Photos like this one",
            description = "The nearest photos to this photo's stored vector, best first, without the photo itself.")
    @APIResponse(responseCode = "200", description = "Hits, best first")
    @APIResponse(
            responseCode = "400",
            description = "limit or offset out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown photo or collection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SearchResponse similar(
            @Parameter(description = "Photo id; percent-encode '/' as %2F") @PathParam("id") String id,
            @Parameter(description = "Hits to answer, 1 to 1000 (default 20)") @QueryParam("limit") String limit,
            @Parameter(description = "Hits to skip first, 0 to 10000 (default 0)") @QueryParam("offset") String offset,
            @Parameter(description = "Collection; the default collection when absent") @QueryParam("collection")
                    String collection) {
        return service.similar(
                collection,
                id,
                RequestNumbers.integer("limit", limit, SearchInput.DEFAULT_LIMIT, 1, SearchQuery.MAX_LIMIT),
                RequestNumbers.integer("offset", offset, 0, 0, SearchQuery.MAX_OFFSET));
    }
}
