package dev.loupe.encoders.quality;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads a dataset's text files: bounded in size, strict UTF-8, byte-order mark dropped. */
final class TextFiles {

    /** 64 MiB: a hundred times Flickr30k's captions, small enough to read whole. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private TextFiles() {}

    /**
     * The whole file as text.
     *
     * @param role what the file is for, used in messages ("the class names")
     * @throws DatasetException when it is missing, too large or not UTF-8
     */
    static String read(Path file, String role) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new DatasetException(file + " is missing: it should hold " + role);
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new DatasetException(
                        file + " is " + size + " bytes; dataset text files are limited to " + MAX_BYTES);
            }
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new DatasetException(file + " is not UTF-8 text", e);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + " is missing: it should hold " + role, e);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file's lines without their terminators (LF or CRLF); line {@code i} is line {@code i + 1} in messages. */
    static List<String> lines(Path file, String role) {
        String text = read(file, role);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(text.split("\n", -1))
                .map(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line)
                .toList();
    }

    /**
     * Resolves a file named in a dataset row under {@code root}, refusing names that leave it.
     *
     * @throws DatasetException naming {@code where} when the name is absolute, escapes {@code root} or
     *     the file does not exist
     */
    static Path resolveUnder(Path root, String name, String where) {
        Path relative;
        try {
            relative = Path.of(name);
        } catch (InvalidPathException e) {
            throw new DatasetException(where + ": '" + name + "' is not a valid file name: " + e.getReason(), e);
        }
        Path resolved = root.resolve(relative).normalize();
        if (relative.isAbsolute() || !resolved.startsWith(root.normalize())) {
            throw new DatasetException(where + ": '" + name + "' is not a path inside " + root);
        }
        if (!Files.isRegularFile(resolved)) {
            throw new DatasetException(where + ": image '" + name + "' does not exist under " + root);
        }
        return resolved;
    }
}
