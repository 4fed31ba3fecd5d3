package dev.loupe.ingest;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Scales images down and encodes them as JPEG thumbnails. */
final class Thumbnails {

    private static final float QUALITY = 0.85f; // visually clean at thumbnail sizes, a few KB each

    private Thumbnails() {}

    /** A JPEG of the image scaled so that its longer side is at most {@code edge} (never enlarged). */
    static byte[] jpeg(BufferedImage image, int edge) throws IOException {
        BufferedImage scaled = scale(image, edge);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException("no ImageIO JPEG writer is installed");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            parameters.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(scaled, null, null), parameters);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * Halves the image with bilinear filtering while it is more than twice the target, then scales to
     * the target: each bilinear step sees every source pixel, so the result does not alias.
     */
    static BufferedImage scale(BufferedImage image, int edge) {
        int width = image.getWidth();
        int height = image.getHeight();
        if (Math.max(width, height) <= edge && image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        double factor = Math.min(1.0, (double) edge / Math.max(width, height));
        int targetWidth = Math.max(1, (int) Math.round(width * factor));
        int targetHeight = Math.max(1, (int) Math.round(height * factor));
        BufferedImage current = image;
        while (width / 2 >= targetWidth && height / 2 >= targetHeight) {
            width /= 2;
            height /= 2;
            current = draw(current, width, height);
        }
        return width == targetWidth && height == targetHeight && current != image
                ? current
                : draw(current, targetWidth, targetHeight);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }
}
