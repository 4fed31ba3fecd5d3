package dev.loupe.encoders;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.loupe.encoders.image.ImagePreprocessor;
import dev.loupe.encoders.text.TextTokenizer;
import dev.loupe.encoders.text.TokenBatch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;

/** CLIP with a text tower, an image tower, or both, in the Hugging Face ONNX layout. */
final class ClipModel implements EmbeddingModel {

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TEXT_EMBEDS = "text_embeds";
    static final String PIXEL_VALUES = "pixel_values";
    static final String IMAGE_EMBEDS = "image_embeds";

    private final ModelInfo info;
    private final TextTokenizer tokenizer;
    private final OnnxTower textTower;
    private final ImagePreprocessor preprocessor;
    private final OnnxTower visionTower;
    private final boolean feedsAttentionMask;

    /** Either tower may be null (then its tokenizer or preprocessor is null too). */
    ClipModel(
            ModelInfo info,
            TextTokenizer tokenizer,
            OnnxTower textTower,
            ImagePreprocessor preprocessor,
            OnnxTower visionTower) {
        this.info = info;
        this.tokenizer = tokenizer;
        this.textTower = textTower;
        this.preprocessor = preprocessor;
        this.visionTower = visionTower;
        this.feedsAttentionMask = textTower != null && textTower.hasInput(ATTENTION_MASK);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public float[][] embedTexts(List<String> texts) {
        if (textTower == null) {
            throw new UnsupportedModalityException(info.id(), Modality.TEXT);
        }
        if (texts.isEmpty()) {
            return new float[0][];
        }
        TokenBatch batch = tokenizer.encode(texts);
        long[] shape = {batch.batchSize(), batch.sequenceLength()};
        try (OnnxTensor ids =
                        OnnxTensor.createTensor(OnnxTower.environment(), LongBuffer.wrap(batch.inputIds()), shape);
                OnnxTensor mask = OnnxTensor.createTensor(
                        OnnxTower.environment(), LongBuffer.wrap(batch.attentionMask()), shape);
                OrtSession.Result result = textTower.run(Map.of(INPUT_IDS, ids, ATTENTION_MASK, mask), TEXT_EMBEDS)) {
            return rows(result, batch.batchSize());
        } catch (OrtException e) {
            throw new InferenceException("cannot build text tensors: " + e.getMessage(), e);
        }
    }

    @Override
    public float[][] embedImages(List<float[]> pixels) {
        if (visionTower == null) {
            throw new UnsupportedModalityException(info.id(), Modality.IMAGE);
        }
        if (pixels.isEmpty()) {
            return new float[0][];
        }
        int size = info.imageSize();
        int perImage = 3 * size * size;
        // A direct buffer is handed to ONNX Runtime without another copy.
        FloatBuffer buffer = ByteBuffer.allocateDirect(pixels.size() * perImage * Float.BYTES)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        for (int i = 0; i < pixels.size(); i++) {
            float[] image = pixels.get(i);
            if (image.length != perImage) {
                throw new IllegalArgumentException("image " + i + " has " + image.length + " values, expected "
                        + perImage + " (3x" + size + "x" + size + ")");
            }
            buffer.put(image);
        }
        buffer.rewind();
        long[] shape = {pixels.size(), 3, size, size};
        try (OnnxTensor input = OnnxTensor.createTensor(OnnxTower.environment(), buffer, shape);
                OrtSession.Result result = visionTower.run(Map.of(PIXEL_VALUES, input), IMAGE_EMBEDS)) {
            return rows(result, pixels.size());
        } catch (OrtException e) {
            throw new InferenceException("cannot build image tensor: " + e.getMessage(), e);
        }
    }

    private float[][] rows(OrtSession.Result result, int count) {
        OnnxTensor output = (OnnxTensor) result.get(0);
        return Vectors.normalisedRows(output.getFloatBuffer(), count, info.dimensions());
    }

    @Override
    public ImagePreprocessor imagePreprocessor() {
        if (preprocessor == null) {
            throw new UnsupportedModalityException(info.id(), Modality.IMAGE);
        }
        return preprocessor;
    }

    @Override
    public void close() {
        if (textTower != null) {
            textTower.close();
            tokenizer.close();
        }
        if (visionTower != null) {
            visionTower.close();
        }
    }
}
