package dev.loupe.jobs.rest;

import dev.loupe.ingest.ImportRequestException;
import dev.loupe.jobs.ImportJob;
import dev.loupe.jobs.ImportJobList;
import dev.loupe.jobs.ImportRequest;
import dev.loupe.jobs.ImportService;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The import API of every service that serves it (search-service, indexer-service): start an import,
 * follow it, list the recent ones, redrive its failures. Jobs live in the shared database, so every
 * instance shows the same ones; where they run (in process, or indexer-service through Kafka) is the
 * service's {@link ImportService}'s business.
 */
@Path("/v1/imports")
@Tag(
        name = "Imports",
        description = "Import photos from a folder, an Unsplash TSV file or a URL list; texts from a JSONL or CSV file")
@RunOnVirtualThread // the job store blocks on the database
public class ImportResource {

    private final ImportService imports;

    ImportResource(ImportService imports) {
        this.imports = imports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Start an import",
            description = "Records the import and answers at once with its id; follow it with GET /v1/imports/{id}."
                    + " The source is read into items, each photo indexed (through Kafka in the distributed mode);"
                    + " photos already imported with the same bytes and model are skipped as unchanged.")
    @APIResponse(
            responseCode = "202",
            description = "Accepted; Location names the job",
            content = @Content(schema = @Schema(example = "{\"id\": \"2f0c...\"}")))
    @APIResponse(
            responseCode = "400",
            description = "Bad request (unknown type, missing path/url/urls, too many URLs, bad collection name)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "The path is outside loupe.imports.roots",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "Too many imports are unfinished (loupe.imports.queue-capacity)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(ImportRequest request, @Context UriInfo uri) {
        return accepted(imports.submit(request).id(), uri);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Import an uploaded file of texts",
            description = "A JSONL or CSV file of text records (the part 'file'; 'type' jsonl or csv, else the file"
                    + " name's extension) into the text collection 'collection'. The file is read into the job's items"
                    + " before the answer (up to quarkus.http.limits.max-body-size; larger files go under an import"
                    + " root and are imported by path); each bad record fails alone. Follow it with GET"
                    + " /v1/imports/{id}.")
    @APIResponse(
            responseCode = "202",
            description = "Accepted; Location names the job",
            content = @Content(schema = @Schema(example = "{\"id\": \"2f0c...\"}")))
    @APIResponse(
            responseCode = "400",
            description = "No file, a type other than jsonl or csv, no or a bad collection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown text collection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "413",
            description = "The upload is larger than quarkus.http.limits.max-body-size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response upload(
            @RestForm("file") FileUpload file,
            @RestForm("type") String type,
            @RestForm("collection") String collection,
            @Context UriInfo uri) {
        if (file == null || file.uploadedFile() == null) {
            throw new ImportRequestException(
                    "file", "required: the JSONL or CSV file as the multipart part 'file' (with a file name)");
        }
        return accepted(
                imports.submitUpload(type, file.uploadedFile(), file.fileName(), collection)
                        .id(),
                uri);
    }

    /** 202 with the job's id and its Location. */
    private static Response accepted(String id, UriInfo uri) {
        return Response.accepted(Map.of("id", id))
                .location(uri.getAbsolutePathBuilder().path(id).build())
                .build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get an import", description = "Its status, counts, rate, ETA and the items that failed.")
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

    @POST
    @Path("/{id}/redrive")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Redrive an import's failures",
            description = "Sends every failed photo of the import again (a new attempt each) and moves it back to"
                    + " pending. Entries the source refused have nothing to send and stay failed.")
    @APIResponse(
            responseCode = "202",
            description = "Accepted; redriven says how many photos were sent again",
            content = @Content(schema = @Schema(example = "{\"id\": \"2f0c...\", \"redriven\": 3}")))
    @APIResponse(
            responseCode = "404",
            description = "Unknown import",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The import is still reading its source",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response redrive(@PathParam("id") String id) {
        int redriven = imports.redrive(id);
        return Response.accepted(Map.of("id", id, "redriven", redriven)).build();
    }
}
