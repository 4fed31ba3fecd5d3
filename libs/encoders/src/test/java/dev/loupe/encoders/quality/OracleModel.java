package dev.loupe.encoders.quality;

import dev.loupe.encoders.EmbeddingModel;
import dev.loupe.encoders.ExecutionProvider;
import dev.loupe.encoders.Modality;
import dev.loupe.encoders.ModelInfo;
import dev.loupe.encoders.image.ImageDecoder;
import dev.loupe.encoders.image.ImageLimits;
import dev.loupe.encoders.image.ImagePreprocessor;
import dev.loupe.encoders.image.PreprocessorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A stand-in model that answers chosen embeddings: for an image, the vector given for the file its
 * pixels came from; for a text, whatever the text function says. It proves that the evaluations
 * match images, classes and captions up correctly, which random weights cannot.
 */
final class OracleModel implements EmbeddingModel {

    private final ImagePreprocessor preprocessor = new ImagePreprocessor(PreprocessorConfig.clip());
    private final Map<Integer, float[]> byPixels = new HashMap<>();
    private final Function<String, float[]> texts;
    private final int dimensions;
    private final Set<Modality> modalities;

    OracleModel(int dimensions, Function<String, float[]> texts) {
        this(dimensions, texts, Set.of(Modality.TEXT, Modality.IMAGE));
    }

    OracleModel(int dimensions, Function<String, float[]> texts, Set<Modality> modalities) {
        this.dimensions = dimensions;
        this.texts = texts;
        this.modalities = modalities;
    }

    /** Makes the image in {@code file} embed as {@code embedding}. */
    OracleModel image(Path file, float[] embedding) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            float[] pixels = preprocessor.preprocess(new ImageDecoder(ImageLimits.DEFAULT).decode(bytes));
            byPixels.put(Arrays.hashCode(pixels), embedding);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[] oneHot(int dimensions, int index) {
        float[] vector = new float[dimensions];
        vector[index] = 1;
        return vector;
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo("oracle", modalities, dimensions, 77, 224, ExecutionProvider.CPU);
    }

    @Override
    public float[][] embedTexts(List<String> batch) {
        return batch.stream().map(texts).toArray(float[][]::new);
    }

    @Override
    public float[][] embedImages(List<float[]> pixels) {
        return pixels.stream()
                .map(p -> {
                    float[] embedding = byPixels.get(Arrays.hashCode(p));
                    if (embedding == null) {
                        throw new IllegalStateException("the oracle was not told about this image");
                    }
                    return embedding;
                })
                .toArray(float[][]::new);
    }

    @Override
    public ImagePreprocessor imagePreprocessor() {
        return preprocessor;
    }

    @Override
    public void close() {}
}
