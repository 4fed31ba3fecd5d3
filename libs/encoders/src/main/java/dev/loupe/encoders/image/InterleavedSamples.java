package dev.loupe.encoders.image;

import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.SampleModel;

/**
 * The 8-bit samples of a raster laid out pixel after pixel: a view of the raster's own array when it
 * already is byte-interleaved (the common case, read without a copy), otherwise a copy in which
 * samples wider than 8 bits keep their high byte (16-bit PNG, as PIL reads it).
 *
 * @param data the samples
 * @param origin index of the first sample of the raster's top-left pixel
 * @param pixelStride distance between neighbouring pixels of a row
 * @param scanlineStride distance between neighbouring rows
 * @param bandOffsets distance from a pixel's index to each of its bands
 */
record InterleavedSamples(byte[] data, int origin, int pixelStride, int scanlineStride, int[] bandOffsets) {

    static InterleavedSamples of(Raster raster) {
        SampleModel model = raster.getSampleModel();
        if (raster.getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1
                && model instanceof ComponentSampleModel components
                && allBanksZero(components.getBankIndices())) {
            int origin = buffer.getOffset()
                    + (raster.getMinY() - raster.getSampleModelTranslateY()) * components.getScanlineStride()
                    + (raster.getMinX() - raster.getSampleModelTranslateX()) * components.getPixelStride();
            return new InterleavedSamples(
                    buffer.getData(),
                    origin,
                    components.getPixelStride(),
                    components.getScanlineStride(),
                    components.getBandOffsets());
        }
        return copy(raster);
    }

    int bandOffset(int band) {
        return bandOffsets[band];
    }

    /** Index of the first pixel of row {@code y} (relative to the raster's minimum y). */
    int rowStart(int y) {
        return origin + y * scanlineStride;
    }

    private static InterleavedSamples copy(Raster raster) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int bands = raster.getNumBands();
        int[] shifts = new int[bands];
        for (int b = 0; b < bands; b++) {
            shifts[b] = Math.max(0, raster.getSampleModel().getSampleSize(b) - 8);
        }
        byte[] data = new byte[width * height * bands];
        int[] row = new int[width * bands];
        for (int y = 0; y < height; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, row);
            int out = y * width * bands;
            for (int i = 0; i < row.length; i++) {
                data[out + i] = (byte) (row[i] >>> shifts[i % bands]);
            }
        }
        int[] offsets = new int[bands];
        for (int b = 0; b < bands; b++) {
            offsets[b] = b;
        }
        return new InterleavedSamples(data, 0, bands, width * bands, offsets);
    }

    private static boolean allBanksZero(int[] banks) {
        for (int bank : banks) {
            if (bank != 0) {
                return false;
            }
        }
        return true;
    }
}
