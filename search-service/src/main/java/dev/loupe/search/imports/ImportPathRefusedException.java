package dev.loupe.search.imports;

import java.nio.file.Path;
import java.util.List;

/** An import named a path outside the configured import roots. Answered with 403. */
public class ImportPathRefusedException extends RuntimeException {

    private final String field;

    public ImportPathRefusedException(String field, String requested, List<Path> roots) {
        super("'" + requested + "' is not under an import root; imports read only under " + roots
                + " (loupe.imports.roots)");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
