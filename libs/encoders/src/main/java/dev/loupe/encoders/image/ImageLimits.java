package dev.loupe.encoders.image;

/**
 * Hard limits checked before any pixel is decoded.
 *
 * @param maxBytes largest encoded image accepted, in bytes
 * @param maxPixels largest width × height accepted (decompression bombs are refused from the header)
 */
public record ImageLimits(long maxBytes, long maxPixels) {

    /** 20 MiB and 50 megapixels: above any camera photo, far below what exhausts a heap. */
    public static final ImageLimits DEFAULT = new ImageLimits(20L * 1024 * 1024, 50_000_000L);

    public ImageLimits {
        if (maxBytes <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("image limits must be positive");
        }
    }
}
