package dev.loupe.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Thumbnails as files: {@code dir/<collection>/<2 hex>/<sha-256 of the photo id>.jpg}. No id reaches
 * the file system as a path: ids are hashed, and a collection name is used as is only when it is
 * letters, digits and underscores (otherwise it is hashed too, behind a {@code ~} no plain name has).
 */
public final class FileThumbnailStore implements ThumbnailStore {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_]{1,128}");

    private final Path dir;

    public FileThumbnailStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    }

    @Override
    public void put(String collection, String photoId, byte[] jpeg) throws IOException {
        Objects.requireNonNull(jpeg, "jpeg");
        Path file = file(collection, photoId);
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), ".put-", ".tmp");
        try {
            Files.write(temporary, jpeg);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public Optional<byte[]> get(String collection, String photoId) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file(collection, photoId)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void deleteCollection(String collection) {
        Path folder = dir.resolve(folderName(collection));
        if (!Files.exists(folder)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path folder, IOException error) throws IOException {
                    if (error != null) {
                        throw error;
                    }
                    Files.delete(folder);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the thumbnails of collection " + collection, e);
        }
    }

    private Path file(String collection, String photoId) {
        String hash = hash(Objects.requireNonNull(photoId, "photoId"));
        return dir.resolve(folderName(collection)).resolve(hash.substring(0, 2)).resolve(hash + ".jpg");
    }

    private static String folderName(String collection) {
        Objects.requireNonNull(collection, "collection");
        return PLAIN_NAME.matcher(collection).matches() ? collection : "~" + hash(collection);
    }

    private static String hash(String text) {
        return ContentHash.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
