package dev.loupe.ingest;

import java.nio.file.Path;
import java.util.List;

/** An import named a path outside the import roots (services answer 403). */
public class ImportPathRefusedException extends ImportRequestException {

    public ImportPathRefusedException(String field, String requested, List<Path> roots, String setting) {
        super(
                field,
                "outside the import roots",
                "'" + requested + "' is not under an import root; imports read only under " + roots + " (" + setting
                        + ")");
    }
}
