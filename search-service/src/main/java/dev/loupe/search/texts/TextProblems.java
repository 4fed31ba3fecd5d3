package dev.loupe.search.texts;

import dev.loupe.ingest.TextEmbedder;
import dev.loupe.service.problem.Problems;
import dev.loupe.vectorstore.CollectionConflictException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The problems of text collections and their search. */
public class TextProblems {

    @ServerExceptionMapper
    public Response unknownText(UnknownTextException e) {
        return Problems.response(
                Problems.NOT_FOUND,
                "unknown-text",
                "Unknown text record: use an id from a search hit",
                Problems.quote(e.getMessage()) + ".");
    }

    @ServerExceptionMapper
    public Response collectionConflict(CollectionConflictException e) {
        return Problems.response(
                Problems.CONFLICT,
                "collection-conflict",
                "The collection exists with other settings, or is of the other kind",
                Problems.quote(e.getMessage()) + ".");
    }

    @ServerExceptionMapper
    public Response unknownTextModel(TextEmbedder.UnknownTextModelException e) {
        return Problems.response(
                Problems.UNPROCESSABLE_CONTENT,
                "text-model-unavailable",
                "The collection's text model is not available here",
                e.getMessage() + ".");
    }

    @ServerExceptionMapper
    public Response textRefused(TextEmbedder.TextRefusedException e) {
        return Problems.response(
                Problems.UNPROCESSABLE_CONTENT,
                "text-refused",
                "The text model refused the query",
                e.getMessage() + ".");
    }
}
