package dev.loupe.encoders.quality;

/**
 * How one class fared in a zero-shot evaluation.
 *
 * @param folder the class's folder
 * @param name the class name the prompts used
 * @param images its images that were evaluated
 * @param correct those of them classified as this class (top-1)
 */
public record ClassAccuracy(String folder, String name, int images, int correct) {

    /** Top-1 accuracy within the class, in [0, 1]; NaN when it had no images. */
    public double accuracy() {
        return images == 0 ? Double.NaN : (double) correct / images;
    }
}
