package dev.loupe.search.collection;

import dev.loupe.search.problem.InvalidRequestException;
import dev.loupe.search.problem.RequestNumbers;
import dev.loupe.service.problem.Problem;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The collections, and the near-duplicates within one. */
@Path("/v1/collections")
@Tag(name = "Collections", description = "What is indexed (photos, texts), and its near-duplicates")
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

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a collection",
            description = "A photo collection (embedded by the query model) or a text collection embedded by a text"
                    + " model of this deployment (GET /v1/status, or the model ids of deploy/models/fetch-model.sh)."
                    + " Imports then fill it: POST /v1/imports with a jsonl or csv source for texts. Creating a"
                    + " collection that exists with the same settings changes nothing (200).")
    @APIResponse(responseCode = "201", description = "Created; Location names it")
    @APIResponse(responseCode = "200", description = "It existed with these settings")
    @APIResponse(
            responseCode = "400",
            description = "A bad name, kind, model or analysis",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The name is taken by a collection of the other kind or of another model or analysis",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(CreateCollectionRequest request, @Context UriInfo uri) {
        boolean created = service.create(request);
        CollectionView view = service.view(request.name());
        return (created
                        ? Response.created(uri.getAbsolutePathBuilder()
                                .path(request.name())
                                .build())
                        : Response.ok())
                .entity(view)
                .build();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Get a collection", description = "One collection as GET /v1/collections lists it.")
    @APIResponse(responseCode = "200", description = "The collection")
    @APIResponse(
            responseCode = "404",
            description = "Unknown collection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CollectionView get(@Parameter(description = "Collection name") @PathParam("name") String name) {
        return service.view(name);
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
