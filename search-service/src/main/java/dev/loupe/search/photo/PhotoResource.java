package dev.loupe.search.photo;

import dev.loupe.service.problem.Problem;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One photo: its metadata and its thumbnail ({@code /similar} is in the search feature). */
@Path("/v1/photos/{id}")
@Tag(name = "Photos", description = "One photo and the photos like it")
@RunOnVirtualThread
public class PhotoResource {

    private static final String ID = "Photo id; percent-encode '/' as %2F";
    private static final String COLLECTION = "Collection; the default collection when absent";

    private final PhotoService photos;

    PhotoResource(PhotoService photos) {
        this.photos = photos;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get a photo", description = "The photo's metadata (no vector).")
    @APIResponse(responseCode = "200", description = "The photo")
    @APIResponse(
            responseCode = "404",
            description = "Unknown photo or collection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PhotoView photo(
            @Parameter(description = ID) @PathParam("id") String id,
            @Parameter(description = COLLECTION) @QueryParam("collection") String collection) {
        return photos.photo(collection, id);
    }

    @GET
    @Path("/thumbnail")
    @Produces({"image/jpeg", Problem.MEDIA_TYPE})
    @Operation(
            summary = "Get a photo's thumbnail",
            description = "A small JPEG of the photo, made when it was imported.")
    @APIResponse(
            responseCode = "200",
            description = "The thumbnail",
            content = @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(
            responseCode = "404",
            description = "Unknown photo or collection, or no thumbnail kept for it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response thumbnail(
            @Parameter(description = ID) @PathParam("id") String id,
            @Parameter(description = COLLECTION) @QueryParam("collection") String collection) {
        return Response.ok(photos.thumbnail(collection, id), "image/jpeg")
                .header("Cache-Control", "max-age=3600")
                .build();
    }
}
