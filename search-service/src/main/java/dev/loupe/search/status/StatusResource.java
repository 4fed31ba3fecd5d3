package dev.loupe.search.status;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.loupe.search.collection.ModelView;
import dev.loupe.search.encoder.QueryEncoder;
import dev.loupe.search.store.CollectionCatalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What this service runs with. Cheap and non-blocking: it reads what startup set up. */
@Path("/v1/status")
@Tag(name = "Status", description = "What this service runs with")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    /**
     * The answer of {@code GET /v1/status}.
     *
     * @param model the model that embeds queries; {@code meaningful} is false for the test model
     * @param defaultCollection the collection used when a request names none
     */
    @Schema(name = "Status", description = "The query model and the default collection")
    @JsonPropertyOrder({"model", "defaultCollection"})
    public record Status(ModelView model, String defaultCollection) {}

    private final QueryEncoder encoder;
    private final CollectionCatalog catalog;

    StatusResource(QueryEncoder encoder, CollectionCatalog catalog) {
        this.encoder = encoder;
        this.catalog = catalog;
    }

    @GET
    @Operation(
            summary = "Service status",
            description = "The query model ('meaningful': false while the random-weight test model clip-tiny-random"
                    + " answers: fetch a real one with deploy/models/fetch-model.sh) and the default collection.")
    @APIResponse(responseCode = "200", description = "The status")
    public Status status() {
        return new Status(ModelView.of(encoder.info()), catalog.defaultCollection());
    }
}
