package dev.loupe.jobs;

/** No import job has the requested id. Answered with 404. */
public class UnknownImportException extends RuntimeException {

    public UnknownImportException(String id) {
        super("no import with id '" + id + "'");
    }
}
