package dev.loupe.search.texts;

import dev.loupe.ingest.TextEmbedder;
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
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Search of text collections: by meaning, by words, or both; similar texts; one record. */
@Path("/v1/texts")
@Tag(name = "Texts", description = "Search text collections (a question bank) by meaning, by words, or both")
@Produces(MediaType.APPLICATION_JSON)
@RunOnVirtualThread
public class TextSearchResource {

    static final int MAX_SIMILAR = 1000;

    private final TextSearchService service;
    private final TextEmbedder embedder;

    TextSearchResource(TextSearchService service, TextEmbedder embedder) {
        this.service = service;
        this.embedder = embedder;
    }

    /** The answer of {@code GET /v1/texts/models}. */
    @Schema(name = "TextModels", description = "The text models a text collection may be created with")
    public record TextModels(
            @Schema(description = "Model ids, by name") List<String> models) {}

    @GET
    @Path("/models")
    @Operation(
            summary = "List the text models",
            description = "The text models of this deployment (the text bundles of loupe.models-dir, or those"
                    + " embedder-service has loaded), which POST /v1/collections {\"kind\": \"texts\"} may name.")
    @APIResponse(responseCode = "200", description = "The text models")
    public TextModels models() {
        return new TextModels(embedder.models());
    }

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Search a text collection",
            description = "dense: the query is embedded by the collection's model (behind its query instruction,"
                    + " BGE's) and the nearest records by cosine answer. lexical: BM25 over the records' texts,"
                    + " analysed as the collection says (standard for English, CJK bigrams or SmartChinese for"
                    + " Chinese), records holding the query's terms contiguously (a fragment pasted from them)"
                    + " first; a record that shares no term with the query is not a hit. hybrid (the default):"
                    + " both, fused by loupe.texts.fusion (convex: w·dense + (1−w)·lexical over per-query"
                    + " normalised scores, z-scores and w = 0.7 by default; or weighted reciprocal-rank fusion),"
                    + " unless the request's 'fusion' says otherwise. Filters and paging apply to every mode; highlights"
                    + " mark where the query's terms occur in each hit's text.")
    @APIResponse(responseCode = "200", description = "Hits, best first")
    @APIResponse(
            responseCode = "400",
            description = "No text, an unknown mode or fusion, a bad filter, limit, offset or minScore",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown text collection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "The collection's text model is not available here",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "embedder-service is unavailable (distributed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TextSearchResponse search(TextSearchRequest request) {
        return service.search(request);
    }

    @GET
    @Path("/{id}/similar")
    @Operation(
            summary = "Texts similar to a stored one",
            description = "The records nearest the stored record's vector by cosine, the record itself excluded.")
    @APIResponse(responseCode = "200", description = "Hits, best first")
    @APIResponse(
            responseCode = "404",
            description = "Unknown text collection or record",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TextSearchResponse similar(
            @Parameter(description = "Record id") @PathParam("id") String id,
            @Parameter(description = "The text collection", required = true) @QueryParam("collection")
                    String collection,
            @Parameter(description = "Hits to answer, 1 to 1000 (default 10)") @QueryParam("limit") String limit) {
        return service.similar(
                collection,
                id,
                RequestNumbers.integer("limit", limit, TextSearchService.DEFAULT_LIMIT, 1, MAX_SIMILAR));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a text record", description = "The stored record: text, answer, title, metadata.")
    @APIResponse(responseCode = "200", description = "The record (its score is 1)")
    @APIResponse(
            responseCode = "404",
            description = "Unknown text collection or record",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TextHitView get(
            @Parameter(description = "Record id") @PathParam("id") String id,
            @Parameter(description = "The text collection", required = true) @QueryParam("collection")
                    String collection) {
        return service.get(collection, id);
    }
}
