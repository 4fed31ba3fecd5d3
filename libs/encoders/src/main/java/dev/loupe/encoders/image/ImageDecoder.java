package dev.loupe.encoders.image;

import dev.loupe.encoders.image.InvalidImageException.Reason;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import org.jboss.logging.Logger;

/**
 * Decodes encoded images (JPEG incl. CMYK and grayscale, PNG incl. palette, RGBA and 16-bit, GIF
 * first frame, BMP, WebP) into 8-bit RGB, converting as PIL's {@code convert("RGB")} does, and
 * applies the EXIF orientation. Limits are checked before pixels are decoded. Thread-safe.
 */
public final class ImageDecoder {

    private static final Logger LOG = Logger.getLogger(ImageDecoder.class);
    private static final int SNIPPET_LENGTH = 40; // enough of a text body to recognise it in a message
    private static final String UTF8_BOM = "\u00EF\u00BB\u00BF"; // as read in ISO-8859-1

    private final ImageLimits limits;
    private final Map<ImageFormat, ImageReaderSpi> readers;

    public ImageDecoder(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.readers = findReaders();
    }

    /**
     * Decodes one image. JPEGs are decoded as libjpeg-turbo and PIL decode them (same upsampling,
     * IDCT and colour conversion; ICC profiles ignored) and turned upright by their EXIF orientation.
     *
     * @param encoded the file's bytes, not null
     * @return an RGB image ({@link BufferedImage#TYPE_INT_RGB}), upright
     * @throws InvalidImageException with the reason when the bytes are empty, too large, claim too
     *     many pixels, are not a supported image or are corrupt (including truncated)
     */
    public BufferedImage decode(byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.length == 0) {
            throw new InvalidImageException(Reason.EMPTY, "the image is empty (0 bytes)");
        }
        if (encoded.length > limits.maxBytes()) {
            throw new InvalidImageException(
                    Reason.TOO_MANY_BYTES, "image is " + encoded.length + " bytes; the limit is " + limits.maxBytes());
        }
        ImageFormat format = ImageFormat.sniff(encoded).orElseThrow(() -> unsupported(encoded));
        ImageReaderSpi provider = readers.get(format);
        if (provider == null) {
            throw new InvalidImageException(
                    Reason.UNSUPPORTED_FORMAT,
                    format.displayName() + " images cannot be read: no ImageIO reader for them is installed");
        }
        JpegHeader jpeg = null;
        if (format == ImageFormat.JPEG) {
            jpeg = JpegHeader.parse(encoded);
            if (!jpeg.complete()) {
                throw new InvalidImageException(
                        Reason.CORRUPT,
                        "the JPEG is truncated: its " + encoded.length + " bytes end without an end-of-image "
                                + "marker (an interrupted download or upload?)");
            }
        }
        if (jpeg != null) {
            Raster raw = read(format, provider, encoded, (reader, warnings) -> {
                Raster raster = reader.readRaster(0, null);
                warnings.refuseTruncatedJpeg();
                return raster;
            });
            return jpeg.orientation().apply(toRgb(raw, jpeg.colorSpace()));
        }
        return RgbConverter.toRgb(
                read(format, provider, encoded, (reader, warnings) -> reader.read(0, reader.getDefaultReadParam())));
    }

    /** One use of a reader, which has the input set and the pixel count checked. */
    private interface ReaderCall<T> {
        T read(ImageReader reader, Warnings warnings) throws IOException;
    }

    /**
     * Runs {@code call} with a fresh reader on the bytes, after the pixel-count check, and disposes
     * the reader; what the reader throws becomes {@link Reason#CORRUPT}.
     */
    private <T> T read(ImageFormat format, ImageReaderSpi provider, byte[] encoded, ReaderCall<T> call) {
        ImageReader reader = createReader(provider, format);
        try (ImageInputStream input = new ByteArrayImageInputStream(encoded)) {
            reader.setInput(input, true, true);
            Warnings warnings = new Warnings();
            reader.addIIOReadWarningListener(warnings);
            checkPixelCount(format, reader);
            return call.read(reader, warnings);
        } catch (InvalidImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // readers report malformed data with IIOException, EOFException or any runtime exception
            throw new InvalidImageException(
                    Reason.CORRUPT,
                    "the " + format.displayName() + " image is corrupt and cannot be decoded: " + describe(e),
                    e);
        } finally {
            reader.dispose();
        }
    }

    public ImageLimits limits() {
        return limits;
    }

    /** Reads the dimensions from the header alone, so a decompression bomb allocates nothing. */
    private void checkPixelCount(ImageFormat format, ImageReader reader) throws IOException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0) {
            throw new InvalidImageException(
                    Reason.CORRUPT, "the " + format.displayName() + " header claims a size of " + width + "x" + height);
        }
        long pixels = (long) width * height;
        // a decoded image is one int array, whatever the configured limit
        long limit = Math.min(limits.maxPixels(), Integer.MAX_VALUE - 8);
        if (pixels > limit) {
            throw new InvalidImageException(
                    Reason.TOO_MANY_PIXELS,
                    "image is " + width + "x" + height + " = " + pixels + " pixels; the limit is " + limit);
        }
    }

    private static BufferedImage toRgb(Raster raw, JpegColorSpace colorSpace) {
        if (raw.getNumBands() != colorSpace.components()) {
            throw new InvalidImageException(
                    Reason.CORRUPT,
                    "the JPEG decoded to " + raw.getNumBands() + " components where its header announces "
                            + colorSpace.components());
        }
        BufferedImage rgb = new BufferedImage(raw.getWidth(), raw.getHeight(), BufferedImage.TYPE_INT_RGB);
        colorSpace.toRgb(raw, ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData());
        return rgb;
    }

    private static ImageReader createReader(ImageReaderSpi provider, ImageFormat format) {
        try {
            return provider.createReaderInstance();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the ImageIO reader for " + format.displayName(), e);
        }
    }

    /** The first ImageIO reader for each format: TwelveMonkeys' where it has one (JPEG, BMP, WebP). */
    private static Map<ImageFormat, ImageReaderSpi> findReaders() {
        Map<ImageFormat, ImageReaderSpi> found = new EnumMap<>(ImageFormat.class);
        for (ImageFormat format : ImageFormat.values()) {
            Iterator<ImageReader> candidates = ImageIO.getImageReadersByFormatName(format.imageIoName());
            if (candidates.hasNext()) {
                ImageReader reader = candidates.next();
                found.put(format, reader.getOriginatingProvider());
                LOG.debugf(
                        "%s images are read by %s",
                        format.displayName(), reader.getClass().getName());
                reader.dispose();
            } else {
                LOG.warnf("no ImageIO reader for %s: such images will be refused", format.displayName());
            }
        }
        return Collections.unmodifiableMap(found);
    }

    /** Names what the bytes look like, so that a person can tell a wrong URL from a wrong format. */
    private static InvalidImageException unsupported(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.ISO_8859_1);
        String trimmed = head.replace(UTF8_BOM, "").stripLeading();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        String what;
        if (lower.startsWith("<svg") || (lower.startsWith("<?xml") && lower.contains("<svg"))) {
            what = "an SVG drawing; vector images are not supported";
        } else if (lower.startsWith("<")) {
            what = "HTML or XML (" + snippet(trimmed) + "), not an image (an error or login page fetched "
                    + "instead of the photo?)";
        } else if (head.startsWith("%PDF")) {
            what = "a PDF document, not an image";
        } else if (head.startsWith("II*\0") || head.startsWith("MM\0*")) {
            what = "a TIFF image; TIFF is not supported";
        } else if (head.length() >= 12 && head.startsWith("ftyp", 4)) {
            what = "an ISO media file (" + snippet(head.substring(8, 12)) + ": HEIC, AVIF or video), which is not "
                    + "supported";
        } else if (isText(head)) {
            what = "text (" + snippet(trimmed) + "), not an image";
        } else {
            what = "not a recognised image (first bytes " + hex(bytes) + ")";
        }
        return new InvalidImageException(
                Reason.UNSUPPORTED_FORMAT,
                "the " + bytes.length + " bytes are " + what + ". Supported formats: "
                        + Arrays.stream(ImageFormat.values())
                                .map(ImageFormat::displayName)
                                .collect(Collectors.joining(", ")));
    }

    private static boolean isText(String head) {
        return head.chars().allMatch(c -> c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0x7F));
    }

    private static String snippet(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        String cut = line.length() > SNIPPET_LENGTH ? line.substring(0, SNIPPET_LENGTH) + "..." : line;
        return "'" + cut.replaceAll("[^\\x20-\\x7E]", "?") + "'";
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(8, bytes.length); i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("%02X", bytes[i] & 0xFF));
        }
        return hex.toString();
    }

    /** The exception's message and its innermost cause's, which usually says what was wrong. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String outer = messageOf(e);
        String inner = messageOf(root);
        return root == e || outer.equals(inner) ? outer : outer + " (" + inner + ")";
    }

    private static String messageOf(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /**
     * Collects the reader's warnings. ImageIO returns a JPEG whose data stops early with the missing
     * part grey and only a warning; that is refused, while harmless warnings (extraneous bytes, a
     * bad ICC profile) are only logged.
     */
    private static final class Warnings implements IIOReadWarningListener {

        private final List<String> messages = new ArrayList<>();

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            messages.add(warning);
        }

        void refuseTruncatedJpeg() {
            for (String message : messages) {
                String lower = message.toLowerCase(Locale.ROOT);
                if (lower.contains("premature end") || lower.contains("truncated")) {
                    throw new InvalidImageException(
                            Reason.CORRUPT, "the JPEG is corrupt: its image data ends early (" + message + ")");
                }
            }
            if (!messages.isEmpty()) {
                LOG.debugf("JPEG decoded with warnings: %s", messages);
            }
        }
    }
}
