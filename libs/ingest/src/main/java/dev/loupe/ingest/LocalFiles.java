package dev.loupe.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code file:} URLs, only under the configured roots. The check is made on the real path
 * (symbolic links and {@code ..} resolved), so neither a link nor a dot-dot segment leads out.
 */
final class LocalFiles {

    private final List<Path> roots;
    private final long maxBytes;

    LocalFiles(List<Path> roots, long maxBytes) {
        this.roots = roots.stream().map(r -> r.toAbsolutePath().normalize()).toList();
        this.maxBytes = maxBytes;
    }

    FetchedPhoto read(URI location) throws FetchException {
        if (roots.isEmpty()) {
            throw refused("file: URLs are refused: no folders are configured to read photos from");
        }
        Path path;
        try {
            path = Path.of(location).toAbsolutePath().normalize();
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw refused("'" + location + "' is not a local file URL: " + e.getMessage());
        }
        List<Path> realRoots = realRoots();
        if (roots.stream().noneMatch(path::startsWith) && realRoots.stream().noneMatch(path::startsWith)) {
            throw refused(path + " is outside the folders photos may be read from");
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw refused("there is no file at " + path);
        } catch (IOException e) {
            throw refused(path + " cannot be read: " + e.getMessage());
        }
        if (realRoots.stream().noneMatch(real::startsWith)) {
            throw refused(path + " is a link to " + real + ", outside the folders photos may be read from");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(path + " is not a regular file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw refused(path + " cannot be read: " + e.getMessage());
        }
        if (bytes.length > maxBytes) {
            throw new FetchException(
                    FailureReason.TOO_LARGE, path + " is larger than the limit of " + maxBytes + " bytes");
        }
        return new FetchedPhoto(
                real.toUri(),
                bytes,
                URLConnection.guessContentTypeFromName(real.getFileName().toString()));
    }

    private List<Path> realRoots() {
        List<Path> real = new ArrayList<>();
        for (Path root : roots) {
            try {
                real.add(root.toRealPath());
            } catch (IOException e) {
                // a root that does not exist (yet) admits nothing
            }
        }
        return real;
    }

    private static FetchException refused(String message) {
        return new FetchException(FailureReason.REFUSED_PATH, message);
    }
}
