package dev.loupe.jobs.rest;

import dev.loupe.ingest.ImportPathRefusedException;
import dev.loupe.ingest.ImportRequestException;
import dev.loupe.jobs.ImportQueueFullException;
import dev.loupe.jobs.ImportStillExpandingException;
import dev.loupe.jobs.UnknownImportException;
import dev.loupe.service.problem.Problems;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The import API's problems, the same in every service that serves {@code /v1/imports}. */
public class ImportProblems {

    /** Imports take minutes: asking again much sooner only fills the log. */
    static final int QUEUE_RETRY_AFTER_SECONDS = 60;

    @ServerExceptionMapper
    public Response invalidRequest(ImportRequestException e) {
        return Problems.response(Problems.problem(
                        Problems.BAD_REQUEST,
                        "invalid-request",
                        e.getMessage(),
                        "See the request schema in /q/openapi.")
                .withField(e.field()));
    }

    @ServerExceptionMapper
    public Response pathRefused(ImportPathRefusedException e) {
        return Problems.response(Problems.problem(
                        Problems.FORBIDDEN,
                        "import-path-refused",
                        "The path is outside the import roots: put the photos under one of them, or add a root"
                                + " (loupe.imports.roots)",
                        e.getMessage())
                .withField(e.field()));
    }

    @ServerExceptionMapper
    public Response unknownImport(UnknownImportException e) {
        return Problems.response(
                Problems.NOT_FOUND, "unknown-import", e.getMessage(), "GET /v1/imports lists the recent imports.");
    }

    @ServerExceptionMapper
    public Response stillExpanding(ImportStillExpandingException e) {
        return Problems.response(
                Problems.CONFLICT,
                "import-expanding",
                e.getMessage(),
                "GET /v1/imports/{id} says when its status is running or done.");
    }

    @ServerExceptionMapper
    public Response queueFull(ImportQueueFullException e) {
        return Problems.unavailable(
                "import-queue-full",
                "Too many imports are waiting: try again when some are done",
                e.getMessage() + " (loupe.imports.queue-capacity).",
                QUEUE_RETRY_AFTER_SECONDS);
    }
}
