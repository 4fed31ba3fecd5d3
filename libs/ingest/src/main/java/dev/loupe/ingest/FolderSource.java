package dev.loupe.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The images of a folder tree; see {@link ImportSources#folder}. */
final class FolderSource implements ImportSource {

    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp", "webp");
    private static final int MAX_DEPTH = 32; // deeper trees are generated, not photo collections
    private static final String SOURCE = "folder";

    private final Path root;

    FolderSource(Path root) {
        this.root = root;
    }

    @Override
    public void read(Consumer<SourceItem> sink) throws IOException {
        Path start = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(start)) {
            throw new IOException(start + " is not a folder");
        }
        new Walk(start, start.toRealPath(), sink).folder(start, 0);
    }

    /** One traversal: counts photos and stops at the limit. */
    private static final class Walk {

        private final Path start;
        private final Path realStart;
        private final Consumer<SourceItem> sink;
        private int photos;

        Walk(Path start, Path realStart, Consumer<SourceItem> sink) {
            this.start = start;
            this.realStart = realStart;
            this.sink = sink;
        }

        /** Visits a folder; false once the photo limit stops the walk. */
        boolean folder(Path dir, int depth) throws IOException {
            List<Path> entries;
            try (Stream<Path> listing = Files.list(dir)) {
                entries = listing.sorted(
                                Comparator.comparing(p -> p.getFileName().toString()))
                        .toList();
            } catch (IOException e) {
                if (dir.equals(start)) {
                    throw e;
                }
                sink.accept(new RejectedItem(relative(dir) + "/", "the folder cannot be read: " + e.getMessage()));
                return true;
            }
            for (Path entry : entries) {
                if (!visit(entry, depth)) {
                    return false;
                }
            }
            return true;
        }

        private boolean visit(Path entry, int depth) throws IOException {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                return true;
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                // removed since the listing, or unreadable: that entry fails, not the import
                sink.accept(new RejectedItem(relative(entry), "cannot be read: " + e.getMessage()));
                return true;
            }
            if (attributes.isSymbolicLink()) {
                return link(entry, name);
            }
            if (attributes.isDirectory()) {
                if (depth + 1 >= MAX_DEPTH) {
                    sink.accept(new RejectedItem(
                            relative(entry) + "/", "folders nested deeper than " + MAX_DEPTH + " are not imported"));
                    return true;
                }
                return folder(entry, depth + 1);
            }
            return !attributes.isRegularFile() || !isImageName(name) || emit(entry);
        }

        /** A symbolic link is followed only to a file inside the root; links to folders could loop. */
        private boolean link(Path entry, String name) {
            Path target;
            try {
                target = entry.toRealPath();
            } catch (IOException e) {
                if (isImageName(name)) {
                    sink.accept(new RejectedItem(relative(entry), "a broken symbolic link"));
                }
                return true;
            }
            if (Files.isDirectory(target)) {
                sink.accept(new RejectedItem(
                        relative(entry) + "/", "a symbolic link to a folder; links to folders are not followed"));
            } else if (!isImageName(name)) {
                return true;
            } else if (!target.startsWith(realStart)) {
                sink.accept(new RejectedItem(
                        relative(entry), "a symbolic link leading outside the import folder, to " + target));
            } else if (!Files.isRegularFile(target)) {
                sink.accept(new RejectedItem(relative(entry), "a symbolic link to something other than a file"));
            } else {
                return emit(entry);
            }
            return true;
        }

        /** Hands the photo on; false once the limit is passed. */
        private boolean emit(Path file) {
            if (++photos > ImportSources.MAX_ITEMS) {
                sink.accept(new RejectedItem(
                        start.toString(),
                        "the folder holds more than " + ImportSources.MAX_ITEMS + " photos; the rest is not imported"));
                return false;
            }
            sink.accept(photo(file));
            return true;
        }

        private PhotoSource photo(Path file) {
            Path relative = start.relativize(file);
            List<String> tags =
                    relative.getNameCount() > 1 ? List.of(relative.getName(0).toString()) : List.of();
            PhotoMetadata metadata = new PhotoMetadata(title(file), null, tags, null, null, null, SOURCE, null, null);
            return new PhotoSource(relative(file), file.toUri(), metadata);
        }

        /** The file name without its extension: a folder has no better title to offer. */
        private static String title(Path file) {
            String name = file.getFileName().toString();
            return name.substring(0, name.lastIndexOf('.'));
        }

        /** The path relative to the root with '/' separators, whatever the platform's. */
        private String relative(Path path) {
            return StreamSupport.stream(start.relativize(path).spliterator(), false)
                    .map(Path::toString)
                    .collect(Collectors.joining("/"));
        }
    }

    private static boolean isImageName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
