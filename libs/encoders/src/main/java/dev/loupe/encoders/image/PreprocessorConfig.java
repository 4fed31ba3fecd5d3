package dev.loupe.encoders.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.encoders.ModelBundleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The settings of a Hugging Face {@code preprocessor_config.json} that {@link ImagePreprocessor}
 * honours.
 *
 * @param shortestEdge the shortest side is resized to this many pixels
 * @param cropHeight centre-crop height in pixels
 * @param cropWidth centre-crop width in pixels
 * @param rescaleFactor multiplies 8-bit values (1/255 to reach [0, 1])
 * @param mean per-channel mean, RGB, subtracted after rescaling
 * @param std per-channel standard deviation, RGB, divides after the mean is subtracted
 */
public record PreprocessorConfig(
        int shortestEdge, int cropHeight, int cropWidth, double rescaleFactor, float[] mean, float[] std) {

    /** transformers' OPENAI_CLIP_MEAN, CLIPImageProcessor's default. */
    private static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    /** transformers' OPENAI_CLIP_STD. */
    private static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private static final int CLIP_SIZE = 224; // CLIPImageProcessor's default size and crop
    private static final int PIL_BICUBIC = 3; // PIL.Image.Resampling.BICUBIC
    private static final ObjectMapper JSON = new ObjectMapper();

    public PreprocessorConfig {
        if (shortestEdge <= 0 || cropHeight <= 0 || cropWidth <= 0) {
            throw new IllegalArgumentException("shortestEdge, cropHeight and cropWidth must be positive, got "
                    + shortestEdge + ", " + cropHeight + ", " + cropWidth);
        }
        if (!(rescaleFactor > 0) || Double.isInfinite(rescaleFactor)) {
            throw new IllegalArgumentException("rescaleFactor must be positive and finite, got " + rescaleFactor);
        }
        if (mean == null || std == null || mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std must have one value per channel (3)");
        }
        for (float s : std) {
            if (!(s > 0) || Float.isInfinite(s)) {
                throw new IllegalArgumentException("std must be positive and finite, got " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** CLIP's preprocessing: shortest edge and crop 224, 1/255, OpenAI's mean and std. */
    public static PreprocessorConfig clip() {
        return new PreprocessorConfig(CLIP_SIZE, CLIP_SIZE, CLIP_SIZE, 1 / 255.0, CLIP_MEAN, CLIP_STD);
    }

    /**
     * Reads {@code preprocessor_config.json}, in the current layout ({@code "size": {"shortest_edge":
     * 224}, "crop_size": {"height": 224, "width": 224}}) or the older one with plain numbers. Absent
     * settings take {@code CLIPImageProcessor}'s defaults.
     *
     * @throws ModelBundleException when the file is missing or unreadable, is not JSON, or asks for
     *     preprocessing this class does not implement (another resampling filter, a fixed-size resize,
     *     no resize or no centre crop)
     */
    public static PreprocessorConfig read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ModelBundleException("the model bundle has no " + file.getFileName() + " (looked for " + file
                    + "); image models need one, as exported by Hugging Face optimum");
        } catch (IOException e) {
            throw new ModelBundleException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelBundleException(file + " is not a JSON object");
        }
        Settings settings = new Settings(file, root);
        settings.require("do_resize", true);
        settings.require("do_center_crop", true);
        int resample = settings.integer(root.get("resample"), "resample", PIL_BICUBIC);
        if (resample != PIL_BICUBIC) {
            throw new ModelBundleException(file + ": resample " + resample
                    + " is not supported; only 3 (PIL bicubic, CLIP's filter) is implemented");
        }
        int shortestEdge = settings.shortestEdge();
        int[] crop = settings.cropSize();
        double rescale = settings.flag("do_rescale") ? settings.number("rescale_factor", 1 / 255.0) : 1.0;
        float[] mean = settings.flag("do_normalize") ? settings.triple("image_mean", CLIP_MEAN) : new float[] {0, 0, 0};
        float[] std = settings.flag("do_normalize") ? settings.triple("image_std", CLIP_STD) : new float[] {1, 1, 1};
        try {
            return new PreprocessorConfig(shortestEdge, crop[0], crop[1], rescale, mean, std);
        } catch (IllegalArgumentException e) {
            throw new ModelBundleException(file + ": " + e.getMessage(), e);
        }
    }

    /** @return a copy of the per-channel mean */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /** @return a copy of the per-channel standard deviation */
    @Override
    public float[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PreprocessorConfig that
                && shortestEdge == that.shortestEdge
                && cropHeight == that.cropHeight
                && cropWidth == that.cropWidth
                && Double.compare(rescaleFactor, that.rescaleFactor) == 0
                && Arrays.equals(mean, that.mean)
                && Arrays.equals(std, that.std);
    }

    @Override
    public int hashCode() {
        int hash = Integer.hashCode(shortestEdge);
        hash = 31 * hash + Integer.hashCode(cropHeight);
        hash = 31 * hash + Integer.hashCode(cropWidth);
        hash = 31 * hash + Double.hashCode(rescaleFactor);
        hash = 31 * hash + Arrays.hashCode(mean);
        return 31 * hash + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "PreprocessorConfig[shortestEdge=" + shortestEdge + ", crop=" + cropHeight + "x" + cropWidth
                + ", rescaleFactor=" + rescaleFactor + ", mean=" + Arrays.toString(mean) + ", std="
                + Arrays.toString(std) + "]";
    }

    /** Typed access to the JSON with messages that name the file and the setting. */
    private record Settings(Path file, JsonNode root) {

        boolean flag(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return true; // CLIPImageProcessor does every step by default
            }
            if (!node.isBoolean()) {
                throw invalid(name, "true or false", node);
            }
            return node.booleanValue();
        }

        void require(String name, boolean expected) {
            if (flag(name) != expected) {
                throw new ModelBundleException(file + ": " + name + "=" + !expected
                        + " is not supported; CLIP image preprocessing always resizes and centre-crops");
            }
        }

        int shortestEdge() {
            JsonNode size = root.get("size");
            if (size == null || size.isNull()) {
                return CLIP_SIZE;
            }
            if (size.isObject()) {
                if (size.has("shortest_edge")) {
                    return integer(size.get("shortest_edge"), "size.shortest_edge", CLIP_SIZE);
                }
                throw new ModelBundleException(file + ": size " + size
                        + " is not supported; only {\"shortest_edge\": n} (CLIP's aspect-preserving resize) is");
            }
            return integer(size, "size", CLIP_SIZE); // older configs: "size": 224 means the shortest edge
        }

        int[] cropSize() {
            JsonNode crop = root.get("crop_size");
            if (crop == null || crop.isNull()) {
                return new int[] {CLIP_SIZE, CLIP_SIZE};
            }
            if (crop.isObject()) {
                return new int[] {
                    integer(crop.get("height"), "crop_size.height", CLIP_SIZE),
                    integer(crop.get("width"), "crop_size.width", CLIP_SIZE)
                };
            }
            int side = integer(crop, "crop_size", CLIP_SIZE);
            return new int[] {side, side};
        }

        int integer(JsonNode node, String name, int fallback) {
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.canConvertToInt() || !node.isIntegralNumber()) {
                throw invalid(name, "an integer", node);
            }
            return node.intValue();
        }

        double number(String name, double fallback) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isNumber()) {
                throw invalid(name, "a number", node);
            }
            return node.doubleValue();
        }

        float[] triple(String name, float[] fallback) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return fallback.clone();
            }
            if (!node.isArray() || node.size() != 3) {
                throw invalid(name, "three numbers (R, G, B)", node);
            }
            float[] values = new float[3];
            for (int i = 0; i < 3; i++) {
                if (!node.get(i).isNumber()) {
                    throw invalid(name, "three numbers (R, G, B)", node);
                }
                values[i] = (float) node.get(i).doubleValue();
            }
            return values;
        }

        private ModelBundleException invalid(String name, String expected, JsonNode actual) {
            return new ModelBundleException(file + ": " + name + " must be " + expected + ", found " + actual);
        }
    }
}
