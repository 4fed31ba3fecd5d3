package dev.loupe.jobs;

/** A redrive asked for an import whose source is still being read. Answered with 409. */
public class ImportStillExpandingException extends RuntimeException {

    public ImportStillExpandingException(String id) {
        super("import '" + id + "' is still reading its source; redrive it once it is running or done");
    }
}
