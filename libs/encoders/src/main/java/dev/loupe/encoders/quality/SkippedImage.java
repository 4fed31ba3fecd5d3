package dev.loupe.encoders.quality;

/**
 * An image left out of an evaluation because it could not be read or decoded.
 *
 * @param file its path relative to the dataset's images folder
 * @param reason why, as a person would want to read it
 */
public record SkippedImage(String file, String reason) {}
