package dev.loupe.embedder.rest;

import dev.loupe.embedder.service.EmbeddingService;
import dev.loupe.embedder.service.ImageInput;
import dev.loupe.service.problem.Problem;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Embeds images and texts. Runs on virtual threads: a request decodes its images on its own thread,
 * then waits for the shared batch that embeds them.
 */
@Path("/v1/embeddings")
@Tag(name = "Embeddings", description = "Turn images and texts into vectors")
@Produces(MediaType.APPLICATION_JSON)
@RunOnVirtualThread
public class EmbeddingResource {

    private final EmbeddingService service;

    EmbeddingResource(EmbeddingService service) {
        this.service = service;
    }

    @POST
    @Path("/images")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(
            summary = "Embed images",
            description = "Send one or more images as multipart parts named 'file' (JPEG, PNG, GIF, BMP, WebP),"
                    + " optionally a form field 'model'. Answers one embedding per part, in part order.")
    @APIResponse(responseCode = "200", description = "One embedding per image, in input order")
    @APIResponse(
            responseCode = "400",
            description = "No 'file' part, too many parts, or an empty image",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown model",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "413",
            description = "An image has too many bytes or pixels",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "415",
            description = "An image is not in a supported format",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "An image is corrupt, or the model does not embed images",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "Busy (see Retry-After), model loading, or shutting down",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EmbeddingResponse embedImages(@RestForm("file") List<FileUpload> files, @RestForm("model") String model) {
        List<ImageInput> images = files == null
                ? List.of()
                : files.stream()
                        .map(file -> new ImageInput(file.uploadedFile(), file.size(), file.fileName()))
                        .toList();
        return EmbeddingResponse.of(service.embedImages(model, images));
    }

    @POST
    @Path("/text")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Embed texts", description = "Answers one embedding per text of 'input', in order.")
    @APIResponse(responseCode = "200", description = "One embedding per text, in input order")
    @APIResponse(
            responseCode = "400",
            description = "Empty input, too many texts, a null or too long text, or a malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown model",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "The model does not embed text",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "Busy (see Retry-After), model loading, or shutting down",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EmbeddingResponse embedText(
            @Valid @NotNull(message = "send a JSON body such as {\"input\": [\"a dog\"]}")
                    TextEmbeddingRequest request) {
        return EmbeddingResponse.of(service.embedTexts(request.model(), request.input()));
    }
}
