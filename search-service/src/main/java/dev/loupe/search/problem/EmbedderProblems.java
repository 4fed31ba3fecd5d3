package dev.loupe.search.problem;

import dev.loupe.embedder.client.EmbedderRefusedException;
import dev.loupe.embedder.client.EmbedderUnavailableException;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The distributed mode's answers when embedder-service, which embeds the queries, does not. */
public class EmbedderProblems {

    /** The client's circuit breaker lets a trial through after a few seconds. */
    static final int RETRY_AFTER_SECONDS = 5;

    /** 502 status: embedder-service refused what this service sent it. */
    static final int BAD_GATEWAY = 502;

    @ServerExceptionMapper
    public Response unavailable(EmbedderUnavailableException e) {
        return Problems.unavailable(
                "embedder-unavailable",
                "The embedding service is unavailable: retry in a few seconds",
                e.getMessage() + " (loupe.embedder.url).",
                RETRY_AFTER_SECONDS);
    }

    @ServerExceptionMapper
    public Response refused(EmbedderRefusedException e) {
        return Problems.response(
                BAD_GATEWAY,
                "embedder-refused",
                "The embedding service refused the query: " + e.title(),
                "embedder-service answered " + e.status()
                        + "; its limits (loupe.embedder.limits.*) may be below this service's (loupe.limits.*).");
    }
}
