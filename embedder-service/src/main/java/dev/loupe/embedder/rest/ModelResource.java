package dev.loupe.embedder.rest;

import dev.loupe.embedder.model.ModelRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Lists the loaded models. Cheap and non-blocking: it reads the registry's state. */
@Path("/v1/models")
@Tag(name = "Models", description = "What this service can embed with")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private final ModelRegistry models;

    ModelResource(ModelRegistry models) {
        this.models = models;
    }

    @GET
    @Operation(
            summary = "List models",
            description = "The loaded models with what they embed; models still loading are not listed yet.")
    @APIResponse(responseCode = "200", description = "The loaded models, by id")
    public ModelList list() {
        return new ModelList(models.ready().stream().map(ModelDescription::of).toList());
    }
}
