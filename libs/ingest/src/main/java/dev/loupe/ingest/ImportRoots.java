package dev.loupe.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The directories imports may read under, and the check that a requested path lies under one of them,
 * symbolic links resolved.
 */
public final class ImportRoots {

    private static final Logger LOG = Logger.getLogger(ImportRoots.class);

    private final List<Path> directories;
    private final String setting;

    /**
     * @param configured the configured roots; those that are not existing directories are ignored
     *     with a warning
     * @param setting the configuration key naming the roots, quoted in refusals ({@code
     *     loupe.imports.roots})
     */
    public ImportRoots(List<Path> configured, String setting) {
        List<Path> found = new ArrayList<>();
        for (Path root : configured) {
            try {
                found.add(root.toRealPath());
            } catch (IOException e) {
                LOG.warnf("import root %s is not an existing directory; ignored", root.toAbsolutePath());
            }
        }
        this.directories = List.copyOf(found);
        this.setting = setting;
    }

    /** The existing roots, as real paths. */
    public List<Path> directories() {
        return directories;
    }

    /**
     * The real path of a requested file or folder under a root.
     *
     * @param field the request field, for the error
     * @throws ImportPathRefusedException when it lies outside every root (checked before it is looked
     *     at, so that the answer says nothing about paths elsewhere)
     * @throws ImportRequestException when it does not exist or is not the expected kind
     */
    public Path require(String field, String requested, boolean directory) {
        Path path;
        try {
            path = Path.of(requested).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ImportRequestException(field, "not a path: " + e.getReason());
        }
        if (!under(path)) {
            throw new ImportPathRefusedException(field, requested, directories, setting);
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new ImportRequestException(field, "no such file or folder");
        }
        if (!under(real)) { // a link under a root that leads elsewhere
            throw new ImportPathRefusedException(field, requested, directories, setting);
        }
        if (directory ? !Files.isDirectory(real) : !Files.isRegularFile(real)) {
            throw new ImportRequestException(field, directory ? "not a folder" : "not a file");
        }
        return real;
    }

    private boolean under(Path path) {
        return directories.stream().anyMatch(path::startsWith);
    }
}
