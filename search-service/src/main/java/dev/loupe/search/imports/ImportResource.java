package dev.loupe.search.imports;

import dev.loupe.service.imports.ImportRequest;
import dev.loupe.service.problem.Problem;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Photo imports: queue one, follow it, list the recent ones. */
@Path("/v1/imports")
@Tag(name = "Imports", description = "Import photos from a folder, an Unsplash TSV file or a URL list")
@RunOnVirtualThread
public class ImportResource {

    private final ImportService imports;

    ImportResource(ImportService imports) {
        this.imports = imports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Queue an import",
            description = "Queues the import and answers at once with its id; follow it with GET /v1/imports/{id}."
                    + " Photos already imported with the same bytes and model are skipped as unchanged.")
    @APIResponse(
            responseCode = "202",
            description = "Queued; Location names the job",
            content = @Content(schema = @Schema(example = "{\"id\": \"2f0c...\"}")))
    @APIResponse(
            responseCode = "400",
            description = "Bad request (unknown type, missing path/url/urls, too many URLs)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "The path is outside loupe.imports.roots",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "Too many imports waiting",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(ImportRequest request, @Context UriInfo uri) {
        ImportJob job = imports.submit(request);
        return Response.accepted(Map.of("id", job.id()))
                .location(uri.getAbsolutePathBuilder().path(job.id()).build())
                .build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get an import", description = "Its status, counts and the items that failed.")
    @APIResponse(responseCode = "200", description = "The import")
    @APIResponse(
            responseCode = "404",
            description = "Unknown import",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ImportJob job(@PathParam("id") String id) {
        return imports.require(id);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List recent imports", description = "Newest first, without their failure lists.")
    public ImportJobList recent() {
        return imports.recent();
    }
}
