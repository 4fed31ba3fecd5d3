/**
 * Image decoding and CLIP preprocessing, reproducing Hugging Face's {@code CLIPImageProcessor} (the
 * PIL path) so that embeddings match the reference.
 *
 * <p><b>Decoding</b> ({@link dev.loupe.encoders.image.ImageDecoder}): the format is recognised from
 * its magic bytes; the byte count, then the width × height from the header, are checked against
 * {@link dev.loupe.encoders.image.ImageLimits} before any pixel is decoded. JPEGs are read as raw
 * components ({@code ImageReader.readRaster}: libjpeg's IDCT and fancy upsampling, the same as
 * libjpeg-turbo's) and converted to RGB with libjpeg's integer tables, so they match PIL bit for
 * bit, ICC profiles are ignored as PIL ignores them, CMYK and YCCK follow PIL's inverted-Adobe
 * reading and naive CMYK formula, and the EXIF orientation is applied as {@code exif_transpose}
 * does. Other formats go through their ImageIO reader and are converted from raw samples as
 * {@code convert("RGB")} does (alpha dropped, palette looked up, grey replicated, high byte of
 * 16-bit samples).
 *
 * <p><b>Resizing</b> ({@code BicubicResampler}) is Pillow's {@code ImagingResample} with the bicubic
 * filter (Keys' cubic, a = -0.5, support 2), separable in two passes:
 *
 * <ol>
 *   <li>Coefficients per output position {@code i}: centre {@code (i + 0.5) * scale}; when
 *       shrinking ({@code scale > 1}) the filter is stretched by {@code scale} (support {@code 2 *
 *       scale}), which antialiases; inputs {@code [(int)(centre - support + 0.5), (int)(centre +
 *       support + 0.5))} clipped to the image; weights {@code filter((x - centre + 0.5) / scale)}
 *       normalised to sum 1, then rounded half away from zero to fixed point with 22 fractional bits
 *       ({@code PRECISION_BITS = 32 - 8 - 2}).
 *   <li>Horizontal pass first, over only the source rows the vertical pass reads; each sum starts at
 *       one half (rounding) and the result is shifted down and clamped to 0..255, so the
 *       intermediate image is 8-bit exactly as Pillow's.
 *   <li>Vertical pass on that intermediate image, rounded and clamped the same way.
 * </ol>
 *
 * Because every output pixel depends only on its own coefficients, computing just the pixels of the
 * centre crop gives the same values as resizing everything and then cropping; it also keeps the
 * work bounded for extreme aspect ratios, whose resized long side can be enormous. An axis whose
 * size does not change is copied, as Pillow skips that pass. Integer sums make the result
 * independent of evaluation order, which leaves room for speed: both passes add whole lines at a
 * time ({@code sums[j] += sample[j] * weight}, long sums over int samples so that C2 vectorises
 * them), the horizontal one over blocks of source rows transposed so that its lines are columns.
 * Coefficients are cached per (input size, output size, crop window).
 *
 * <p><b>Output size and crop</b> follow transformers: the short side becomes {@code shortest_edge},
 * the long side {@code int(shortest_edge * long / short)}; the crop starts at {@code (size - crop)
 * // 2} and pads with zeros where the image is smaller than the crop. Rescaling and normalisation
 * collapse into a 256-entry table per channel ({@code (float)(v * rescale)}, then {@code (x - mean) /
 * std} in float32, as numpy computes it).
 */
package dev.loupe.encoders.image;
