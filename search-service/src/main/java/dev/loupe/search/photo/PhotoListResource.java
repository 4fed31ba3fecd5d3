package dev.loupe.search.photo;

import dev.loupe.search.problem.RequestNumbers;
import dev.loupe.service.problem.Problem;
import dev.loupe.vectorstore.FilterJson;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Browses a collection page by page (the explorer's collection browser). */
@Path("/v1/photos")
@Tag(name = "Photos", description = "One photo and the photos like it")
@Produces(MediaType.APPLICATION_JSON)
@RunOnVirtualThread
public class PhotoListResource {

    private static final int DEFAULT_LIMIT = 24;

    private final PhotoBrowser browser;

    PhotoListResource(PhotoBrowser browser) {
        this.browser = browser;
    }

    @GET
    @Operation(
            summary = "Browse a collection",
            description = "The photos of a collection page by page, in the store's order (stable while the"
                    + " collection does not change), with the number of photos that match the filter. A page"
                    + " reads the offset + limit first photos, so offset is bounded like a search's.")
    @APIResponse(responseCode = "200", description = "One page of photos")
    @APIResponse(
            responseCode = "400",
            description = "offset, limit or filter invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown collection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PhotoPage list(
            @Parameter(description = "Collection; the default collection when absent") @QueryParam("collection")
                    String collection,
            @Parameter(description = "Position of the first photo, 0 to 10000 (default 0)") @QueryParam("offset")
                    String offset,
            @Parameter(description = "Photos per page, 1 to 100 (default 24)") @QueryParam("limit") String limit,
            @Parameter(
                            description = "JSON filter, as in search, e.g. {\"field\": \"tags\", \"op\": \"contains\","
                                    + " \"value\": \"cat\"}")
                    @QueryParam("filter")
                    String filter) {
        return browser.page(
                collection,
                FilterJson.parse(filter),
                RequestNumbers.integer("offset", offset, 0, 0, PhotoBrowser.MAX_OFFSET),
                RequestNumbers.integer("limit", limit, DEFAULT_LIMIT, 1, PhotoBrowser.MAX_LIMIT));
    }
}
