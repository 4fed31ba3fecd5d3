package dev.loupe.encoders.image;

/**
 * What {@link ImageDecoder} needs from a JPEG's markers, read without decoding: the colour space
 * libjpeg would infer, the EXIF orientation and whether the file is complete.
 *
 * @param colorSpace how the components are encoded, inferred as libjpeg's {@code
 *     default_decompress_parms} does (JFIF and Adobe markers, then component ids)
 * @param orientation the EXIF orientation of the first EXIF segment, {@link ExifOrientation#NORMAL}
 *     when absent or unreadable
 * @param complete whether an end-of-image marker follows the first scan; a download cut short has
 *     none, and decoders then fill the missing part with grey
 */
record JpegHeader(JpegColorSpace colorSpace, ExifOrientation orientation, boolean complete) {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP0 = 0xE0;
    private static final int APP1 = 0xE1;
    private static final int APP14 = 0xEE;
    private static final int SOF3_LOSSLESS = 0xC3;
    private static final int JFIF_MIN_LENGTH = 14; // libjpeg's APP0_DATA_LEN
    private static final int ADOBE_MIN_LENGTH = 12; // libjpeg's APP14_DATA_LEN

    /**
     * Reads the markers up to the first scan.
     *
     * @throws InvalidImageException (CORRUPT) when the markers are malformed or there is no frame
     *     header before the first scan
     */
    static JpegHeader parse(byte[] jpeg) {
        boolean jfif = false;
        int adobeTransform = -1;
        ExifOrientation orientation = null;
        int[] componentIds = null;
        boolean lossless = false;
        int pos = 2; // after SOI
        while (true) {
            if (pos + 1 >= jpeg.length) {
                throw corrupt("the JPEG ends before its first scan (" + jpeg.length + " bytes); it is truncated");
            }
            if ((jpeg[pos] & 0xFF) != 0xFF) { // stray bytes between segments: libjpeg skips them too
                pos++;
                continue;
            }
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte before a marker
                pos++;
                continue;
            }
            if (marker == SOI || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length
                pos += 2;
                continue;
            }
            if (marker == EOI) {
                throw corrupt("the JPEG has no image data (end-of-image marker before any scan)");
            }
            if (pos + 3 >= jpeg.length) {
                throw corrupt("the JPEG ends inside a marker at byte " + pos + "; it is truncated");
            }
            int length = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
            int payload = pos + 4;
            int payloadLength = length - 2;
            if (length < 2 || payload + payloadLength > jpeg.length) {
                throw corrupt("the JPEG has a marker segment running past the end of the file at byte " + pos
                        + "; it is truncated or corrupt");
            }
            if (marker == SOS) {
                if (componentIds == null) {
                    throw corrupt("the JPEG has no frame header before its first scan");
                }
                JpegColorSpace colorSpace = JpegColorSpace.infer(componentIds, jfif, adobeTransform, lossless);
                boolean complete = hasEndOfImage(jpeg, payload + payloadLength);
                return new JpegHeader(colorSpace, orientation == null ? ExifOrientation.NORMAL : orientation, complete);
            }
            if (marker == APP0 && payloadLength >= JFIF_MIN_LENGTH && matches(jpeg, payload, "JFIF\0")) {
                jfif = true;
            } else if (marker == APP1
                    && orientation == null
                    && payloadLength >= 6
                    && matches(jpeg, payload, "Exif\0\0")) {
                orientation = ExifOrientation.read(jpeg, payload + 6, payloadLength - 6);
            } else if (marker == APP14 && payloadLength >= ADOBE_MIN_LENGTH && matches(jpeg, payload, "Adobe")) {
                adobeTransform = jpeg[payload + 11] & 0xFF;
            } else if (isStartOfFrame(marker) && payloadLength >= 6) {
                refuseUnsupportedCoding(marker, jpeg[payload] & 0xFF);
                int components = jpeg[payload + 5] & 0xFF;
                if (payloadLength < 6 + 3 * components) {
                    throw corrupt("the JPEG frame header is shorter than its " + components + " components need");
                }
                componentIds = new int[components];
                for (int i = 0; i < components; i++) {
                    componentIds[i] = jpeg[payload + 6 + 3 * i] & 0xFF;
                }
                lossless = marker == SOF3_LOSSLESS;
            }
            pos = payload + payloadLength;
        }
    }

    /**
     * The JDK's libjpeg decodes 8-bit Huffman-coded JPEGs; arithmetic coding and 12-bit samples,
     * both rare, are refused by name rather than as corrupt.
     */
    private static void refuseUnsupportedCoding(int marker, int precision) {
        if (marker >= 0xC9) { // SOF9..SOF15 (CC, DAC, is excluded by the caller)
            throw new InvalidImageException(
                    InvalidImageException.Reason.UNSUPPORTED_FORMAT,
                    "arithmetic-coded JPEGs are not supported; re-encode the image as an ordinary JPEG");
        }
        if (precision != 8 && marker != SOF3_LOSSLESS) {
            throw new InvalidImageException(
                    InvalidImageException.Reason.UNSUPPORTED_FORMAT,
                    precision + "-bit JPEGs are not supported, only 8-bit ones; re-encode the image");
        }
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /**
     * Scans back from the end: a complete file has FF D9 at or near its end (trailing bytes after it
     * are tolerated, as libjpeg does); entropy-coded data never contains FF D9, so finding none
     * after the first scan header means the file was cut short.
     */
    private static boolean hasEndOfImage(byte[] jpeg, int scanStart) {
        for (int i = jpeg.length - 2; i >= scanStart; i--) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == EOI) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] bytes, int offset, String ascii) {
        if (offset + ascii.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[offset + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static InvalidImageException corrupt(String message) {
        return new InvalidImageException(InvalidImageException.Reason.CORRUPT, message);
    }
}
