package dev.loupe.encoders.image;

import java.awt.image.BufferedImage;

/**
 * Decodes encoded images (JPEG incl. CMYK and grayscale, PNG incl. palette, RGBA and 16-bit, GIF
 * first frame, BMP, WebP) into 8-bit RGB, converting as PIL's {@code convert("RGB")} does, and
 * applies the EXIF orientation. Limits are checked before pixels are decoded. Thread-safe.
 */
public final class ImageDecoder {

    private final ImageLimits limits;

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    /**
     * @return an RGB image ({@link BufferedImage#TYPE_INT_RGB}), upright
     * @throws InvalidImageException with the reason when the bytes are empty, too large, claim too
     *     many pixels, are not a supported image or are corrupt
     */
    public BufferedImage decode(byte[] encoded) {
        throw new UnsupportedOperationException("TODO");
    }

    public ImageLimits limits() {
        return limits;
    }
}
