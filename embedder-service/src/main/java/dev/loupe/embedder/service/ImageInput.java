package dev.loupe.embedder.service;

import java.nio.file.Path;

/**
 * One uploaded image, as the HTTP layer stored it.
 *
 * @param file the uploaded bytes on local disk (removed by the HTTP layer after the request)
 * @param size its length in bytes
 * @param fileName the name the client gave it, for messages; may be null
 */
public record ImageInput(Path file, long size, String fileName) {}
