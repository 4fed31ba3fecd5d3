package dev.loupe.embedder.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

/**
 * embedder-service's REST API as the Quarkus REST Client sees it. Every method answers the raw
 * {@link Response} (the client is built without its default exception mapper), so that {@link
 * EmbedderClient} reads the status and the problem body itself; the caller closes it.
 */
@Path("/v1")
interface EmbedderApi {

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    Response models();

    @POST
    @Path("/embeddings/text")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response embedTexts(Wire.TextRequest request);

    /** Parts {@code file} (one per image, in order) and an optional field {@code model}. */
    @POST
    @Path("/embeddings/images")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    Response embedImages(ClientMultipartForm form);
}
