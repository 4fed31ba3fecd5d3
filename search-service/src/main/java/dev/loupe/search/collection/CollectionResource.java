package dev.loupe.search.collection;

import dev.loupe.search.problem.InvalidRequestException;
import dev.loupe.search.problem.RequestNumbers;
import dev.loupe.service.problem.Problem;
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

/** The collections, and the near-duplicates within one. */
@Path("/v1/collections")
@Tag(name = "Collections", description = "What is indexed, and its near-duplicates")
@Produces(MediaType.APPLICATION_JSON)
@RunOnVirtualThread
public class CollectionResource {

    private static final double DEFAULT_THRESHOLD = 0.95; // re-encodes and resizes of one photo, not look-alikes
    private static final int DEFAULT_GROUPS = 100;
    private static final int MAX_GROUPS = 1000;

    private final CollectionService service;

    CollectionResource(CollectionService service) {
        this.service = service;
    }

    @GET
    @Operation(
            summary = "List collections",
            description = "Every collection with its dimension, metric and photo count, and the model that embeds"
                    + " queries ('meaningful' is false for the random-weight test model).")
    @APIResponse(responseCode = "200", description = "The collections, by name")
    public CollectionList list() {
        return service.list();
    }

    @GET
    @Path("/{name}/duplicates")
    @Operation(
            summary = "Find near-duplicates",
            description = "Groups of photos connected by pairs whose cosine similarity is at least 'threshold'"
                    + " (connected components, so two members may be joined through a third). Collections up to"
                    + " loupe.duplicates.exact-below photos are compared all pairs; larger ones by one k-NN query"
                    + " per photo (loupe.duplicates.neighbours nearest), which may miss pairs the approximate"
                    + " index does not return. Collections above loupe.duplicates.max-records are refused (422).")
    @APIResponse(responseCode = "200", description = "Groups, largest first")
    @APIResponse(
            responseCode = "400",
            description = "threshold or limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown collection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "The collection is larger than a scan may cover",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DuplicatesResponse duplicates(
            @Parameter(description = "Collection name") @PathParam("name") String name,
            @Parameter(description = "Cosine at or above which two photos are linked, above 0 up to 1 (default 0.95)")
                    @QueryParam("threshold")
                    String threshold,
            @Parameter(description = "Most groups answered, 1 to 1000 (default 100)") @QueryParam("limit")
                    String limit) {
        Double parsed = RequestNumbers.decimal("threshold", threshold, 0, 1);
        if (parsed != null && parsed == 0) {
            throw InvalidRequestException.invalid("threshold", "expected a number above 0 up to 1, got 0");
        }
        return service.duplicates(
                name,
                parsed == null ? DEFAULT_THRESHOLD : parsed,
                RequestNumbers.integer("limit", limit, DEFAULT_GROUPS, 1, MAX_GROUPS));
    }
}
