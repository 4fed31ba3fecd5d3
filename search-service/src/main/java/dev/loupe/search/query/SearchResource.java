package dev.loupe.search.query;

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

/** Searches a collection by text, example image, stored photo, or all of them at once. */
@Path("/v1/search")
@Tag(name = "Search", description = "Find photos by text, by example image, or both")
@Produces(MediaType.APPLICATION_JSON)
@RunOnVirtualThread
public class SearchResource {

    static final String DESCRIPTION = "Combines the query parts into one vector and answers its nearest photos"
            + " that match the filter, best first. Each part is embedded and normalised to unit length, then\n\n"
            + "    q = normalise( w_text·t + w_image·i + w_photo·p − w_negativeText·n )\n\n"
            + "where t is the text, i the example image (the multipart part 'image' or 'imageUrl'), p the stored"
            + " vector of 'photoId' and n the negative text; absent parts and parts of weight 0 drop out."
            + " Default weights: text 1, image 1, photo 1, negativeText 0.5 (override any with 'weights',"
            + " numbers from 0 to 100). At least one positive part with a weight above 0 is required. Scores"
            + " are cosine similarities in [-1, 1] between q and each photo.";

    private final SearchService service;

    SearchResource(SearchService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search (JSON)", description = DESCRIPTION)
    @APIResponse(responseCode = "200", description = "Hits, best first")
    @APIResponse(
            responseCode = "400",
            description = "No positive part, a bad filter, weights, limit or offset, or a malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown collection or photoId",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "imageUrl not fetchable, parts cancel out, or the collection was built by another model",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SearchResponse search(SearchRequest request) {
        if (request == null) {
            throw new InvalidRequestException(
                    null,
                    "The request body is missing: send a JSON object such as {\"text\": \"a house by the lake\"}",
                    "See the SearchRequest schema in /q/openapi.");
        }
        return service.search(request.toInput());
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(
            summary = "Search with an uploaded image (multipart)",
            description = DESCRIPTION + " The form holds the JSON body's fields as form fields ('weights' and"
                    + " 'filter' as JSON text) and the example image as the part 'image'.")
    @APIResponse(responseCode = "200", description = "Hits, best first")
    @APIResponse(
            responseCode = "400",
            description = "No positive part, an empty image, bad fields, or several images",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown collection or photoId",
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
            description = "The image is corrupt, or the parts cancel out",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SearchResponse searchForm(@BeanParam SearchForm form) {
        return service.search(form.toInput());
    }
}
