package dev.loupe.search.classifier;

import dev.loupe.service.problem.Problem;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/**
 * Classifier sessions: start one from a prompt or examples, label the candidates it proposes, train,
 * apply to the collection, export and import.
 */
@Path("/v1/classifiers")
@Tag(
        name = "Classifiers",
        description = "Train a linear classifier in a few rounds of labelling the photos it proposes")
@Produces(MediaType.APPLICATION_JSON)
@RunOnVirtualThread
public class ClassifierResource {

    private static final String ID = "Session id";

    private final ClassifierService service;

    ClassifierResource(ClassifierService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Start a session",
            description = "From a prompt (its text embedding is the first direction), from example photos (the"
                    + " mean of their vectors; they are labelled right), or both (the normalised sum). The"
                    + " threshold starts at the score of the 50th nearest photo (at most half the collection or"
                    + " filter; loupe.classifiers.initial-positives), so applying before training calls about"
                    + " that many photos positive.")
    @APIResponse(responseCode = "201", description = "The session; Location names it")
    @APIResponse(
            responseCode = "400",
            description = "Neither prompt nor examples, a bad filter, name or example list, a malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown collection or example photos",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Too many sessions (reason TOO_MANY_SESSIONS)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "The collection was built by another model",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(CreateClassifierRequest request, @Context UriInfo uri) {
        return created(service.create(request), uri);
    }

    @GET
    @Operation(summary = "List sessions", description = "Newest first, at most loupe.classifiers.list-limit (100).")
    @APIResponse(responseCode = "200", description = "The sessions")
    public ClassifierList list() {
        return service.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a session", description = "Its collection, label counts, threshold and last round.")
    @APIResponse(responseCode = "200", description = "The session")
    @APIResponse(
            responseCode = "404",
            description = "Unknown session",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ClassifierView get(@Parameter(description = ID) @PathParam("id") String id) {
        return service.get(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a session", description = "With its labels; tags it added stay.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(
            responseCode = "404",
            description = "Unknown session",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@Parameter(description = ID) @PathParam("id") String id) {
        service.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/candidates")
    @Operation(
            summary = "Propose photos to label",
            description = "The classifier's best-scoring photos of the collection (or filter) that are not"
                    + " labelled yet, best first; a labelled photo never comes back. With 'boundary', that share"
                    + " of them is taken instead from the photos whose probability is nearest 0.5 among the"
                    + " 10 × limit nearest.")
    @APIResponse(responseCode = "200", description = "The candidates, best score first")
    @APIResponse(
            responseCode = "400",
            description = "Bad limit or boundary",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown session, or its collection is gone",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CandidateList candidates(
            @Parameter(description = ID) @PathParam("id") String id,
            @Parameter(description = "Candidates, 1 to 100 (default 10)") @QueryParam("limit") String limit,
            @Parameter(description = "Share taken from near the decision boundary, 0 to 1 (default 0)")
                    @QueryParam("boundary")
                    String boundary) {
        return service.candidates(id, limit, boundary);
    }

    @POST
    @Path("/{id}/labels")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Label photos",
            description = "Marks photos right ('positive') or wrong ('negative'); a photo labelled before takes"
                    + " its new label. 'remove' forgets labels. At most loupe.classifiers.max-batch (1000) ids"
                    + " per request and loupe.classifiers.max-labels (10000) per session.")
    @APIResponse(responseCode = "200", description = "The session with its new label counts")
    @APIResponse(
            responseCode = "400",
            description = "No ids, too many, a blank id, or a photo in two lists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown session, or photo ids its collection lacks (named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The session would hold too many labels (reason TOO_MANY_LABELS)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ClassifierView label(@Parameter(description = ID) @PathParam("id") String id, LabelsRequest request) {
        return service.label(id, request);
    }

    @GET
    @Path("/{id}/labels")
    @Operation(summary = "List the labels", description = "The photo ids labelled right and wrong, oldest first.")
    @APIResponse(responseCode = "200", description = "The labels")
    @APIResponse(
            responseCode = "404",
            description = "Unknown session",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LabelList labels(@Parameter(description = ID) @PathParam("id") String id) {
        return service.labels(id);
    }

    @POST
    @Path("/{id}/train")
    @Operation(
            summary = "Train a round",
            description = "Fits the classifier to the labelled photos by gradient descent on the class-balanced"
                    + " logistic loss, starting from the current classifier, its direction kept at unit length"
                    + " after every step and the threshold learned beside it. Answers the loss, the accuracy on"
                    + " the labels and how many of the top 50 photos changed. No request body.")
    @APIResponse(responseCode = "200", description = "The round's report")
    @APIResponse(
            responseCode = "404",
            description = "Unknown session",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "No labelled photo to train on (reason NO_LABELS), or trained by another request"
                    + " meanwhile (CONCURRENT_UPDATE)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TrainingRound train(@Parameter(description = ID) @PathParam("id") String id) {
        return service.train(id);
    }

    @POST
    @Path("/{id}/apply")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Apply to the collection",
            description = "Scores every photo of the session's collection (or filter): counts those whose"
                    + " probability reaches 'threshold', lists the most probable, and with 'tag' adds the tag"
                    + " to each of them. The JSON body may be empty (threshold 0.5, limit 100, no tag).")
    @APIResponse(responseCode = "200", description = "Counts and the most probable positives")
    @APIResponse(
            responseCode = "400",
            description = "Bad threshold, limit or tag",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown session",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ApplyResponse apply(@Parameter(description = ID) @PathParam("id") String id, ApplyRequest request) {
        return service.apply(id, request);
    }

    @GET
    @Path("/{id}/export")
    @Operation(
            summary = "Export the classifier",
            description = "Its weights, threshold and scale with the model id, as JSON that POST"
                    + " /v1/classifiers/import reads.")
    @APIResponse(responseCode = "200", description = "The classifier")
    @APIResponse(
            responseCode = "404",
            description = "Unknown session",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ClassifierExport export(@Parameter(description = ID) @PathParam("id") String id) {
        return service.export(id);
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Import a classifier",
            description = "Starts a session (no labels, round 0) with an exported classifier of this service's"
                    + " model. Its collection: 'collection' when given, else the export's when it exists here,"
                    + " else the default collection.")
    @APIResponse(responseCode = "201", description = "The new session; Location names it")
    @APIResponse(
            responseCode = "400",
            description = "Not an export (format, weights, threshold or scale missing or out of range)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown collection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Made with another model or dimension (reason OTHER_MODEL, OTHER_DIMENSION), or too many"
                    + " sessions",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importClassifier(
            ClassifierExport export,
            @Parameter(description = "Collection of the new session (see above)") @QueryParam("collection")
                    String collection,
            @Context UriInfo uri) {
        return created(service.importClassifier(export, collection), uri);
    }

    private static Response created(ClassifierView session, UriInfo uri) {
        return Response.status(Response.Status.CREATED)
                .entity(session)
                .location(uri.getBaseUriBuilder()
                        .path(ClassifierResource.class)
                        .path(session.id())
                        .build())
                .build();
    }
}
