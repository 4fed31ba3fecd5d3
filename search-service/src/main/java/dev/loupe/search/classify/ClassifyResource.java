package dev.loupe.search.classify;

import dev.loupe.search.problem.InvalidRequestException;
import dev.loupe.service.problem.Problem;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Zero-shot classification of stored photos or an uploaded image against text labels. */
@Path("/v1/classify")
@Tag(name = "Classify", description = "Zero-shot classification with CLIP prompt ensembles")
@Produces(MediaType.APPLICATION_JSON)
@RunOnVirtualThread
public class ClassifyResource {

    static final String DESCRIPTION = "Each label's embedding is the normalised mean of the normalised"
            + " embeddings of every template with the label filled in (default: OpenAI's 80 ImageNet templates,"
            + " 'a bad photo of a {}.', ...). A photo's probabilities are softmax(s · cos(photo, label)) over the"
            + " labels, with s = loupe.classify.logit-scale (100, CLIP's trained value). The histogram counts each"
            + " photo's most probable label. Bounds: 2 to 1000 labels, at most 100 templates, at most"
            + " loupe.classify.max-photos (10,000) photos per request, by photoIds or by the photos 'filter'"
            + " matches (all photos when neither is given); larger selections are refused with 400. Labels"
            + " are embedded once per model and template set and then cached.";

    private final ClassifyService service;

    ClassifyResource(ClassifyService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Classify stored photos", description = DESCRIPTION)
    @APIResponse(responseCode = "200", description = "Probabilities per photo and the label histogram")
    @APIResponse(
            responseCode = "400",
            description = "Bad labels, templates, photoIds, filter or limit; too many photos",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown collection or photo ids",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ClassifyResponse classify(ClassifyRequest request) {
        if (request == null) {
            throw new InvalidRequestException(
                    null,
                    "The request body is missing: send a JSON object such as {\"labels\": [\"cat\", \"dog\"]}",
                    "See the ClassifyRequest schema in /q/openapi.");
        }
        return service.classify(request.toInput(service.maxPhotos()));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(
            summary = "Classify an uploaded image (multipart)",
            description = DESCRIPTION + " The form holds the uploaded part 'image' and 'labels' (repeated fields"
                    + " or one JSON array), optionally 'templates' the same way.")
    @APIResponse(responseCode = "200", description = "Probabilities of the image and the histogram")
    @APIResponse(
            responseCode = "400",
            description = "Bad labels or templates, an empty image, or an image with photoIds or filter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "413",
            description = "The image has too many bytes or pixels",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "415",
            description = "The image is not in a supported format",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "The image is corrupt",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ClassifyResponse classifyForm(@BeanParam ClassifyForm form) {
        return service.classify(form.toInput(service.maxPhotos()));
    }
}
