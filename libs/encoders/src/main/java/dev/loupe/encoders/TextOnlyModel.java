package dev.loupe.encoders;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.loupe.encoders.image.ImagePreprocessor;
import dev.loupe.encoders.text.TextTokenizer;
import dev.loupe.encoders.text.TokenBatch;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A text embedding model of the BERT family (MiniLM, BGE): one ONNX graph whose token states are
 * pooled by the mean over real tokens or by the first ([CLS]) token, unless the graph pools itself.
 */
final class TextOnlyModel implements EmbeddingModel {

    /** How token states become one vector. */
    enum Pooling {
        /** Mean over the tokens the attention mask keeps (sentence-transformers' default). */
        MEAN,
        /** The first token's state (BGE). */
        CLS,
        /** The graph's output is already one vector per text. */
        NONE
    }

    static final String TOKEN_TYPE_IDS = "token_type_ids";

    private final ModelInfo info;
    private final TextTokenizer tokenizer;
    private final OnnxTower tower;
    private final String output;
    private final Pooling pooling;
    private final boolean feedsTokenTypes;

    TextOnlyModel(ModelInfo info, TextTokenizer tokenizer, OnnxTower tower, String output, Pooling pooling) {
        this.info = info;
        this.tokenizer = tokenizer;
        this.tower = tower;
        this.output = output;
        this.pooling = pooling;
        this.feedsTokenTypes = tower.hasInput(TOKEN_TYPE_IDS);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    /** The token ids and mask {@link #embedTexts} feeds the graph (for fidelity tests). */
    TokenBatch tokenize(List<String> texts) {
        return tokenizer.encode(texts);
    }

    @Override
    public float[][] embedTexts(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        TokenBatch batch = tokenizer.encode(texts);
        long[] shape = {batch.batchSize(), batch.sequenceLength()};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(
                    ClipModel.INPUT_IDS,
                    OnnxTensor.createTensor(OnnxTower.environment(), LongBuffer.wrap(batch.inputIds()), shape));
            inputs.put(
                    ClipModel.ATTENTION_MASK,
                    OnnxTensor.createTensor(OnnxTower.environment(), LongBuffer.wrap(batch.attentionMask()), shape));
            if (feedsTokenTypes) {
                inputs.put(
                        TOKEN_TYPE_IDS,
                        OnnxTensor.createTensor(
                                OnnxTower.environment(), LongBuffer.wrap(new long[batch.inputIds().length]), shape));
            }
            try (OrtSession.Result result = tower.run(inputs, output)) {
                FloatBuffer values = ((OnnxTensor) result.get(0)).getFloatBuffer();
                return pooling == Pooling.NONE
                        ? Vectors.normalisedRows(values, batch.batchSize(), info.dimensions())
                        : pool(values, batch);
            }
        } catch (OrtException e) {
            throw new InferenceException("cannot build text tensors: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Pools {@code [batch, tokens, hidden]} token states into one normalised vector per text. */
    private float[][] pool(FloatBuffer states, TokenBatch batch) {
        int tokens = batch.sequenceLength();
        int hidden = info.dimensions();
        if (states.remaining() != (long) batch.batchSize() * tokens * hidden) {
            throw new IllegalStateException("token states have " + states.remaining() + " values, expected "
                    + batch.batchSize() + " x " + tokens + " x " + hidden);
        }
        float[][] out = new float[batch.batchSize()][hidden];
        for (int row = 0; row < batch.batchSize(); row++) {
            float[] vector = out[row];
            int base = row * tokens * hidden;
            if (pooling == Pooling.CLS) {
                states.get(base, vector);
            } else {
                int kept = 0;
                for (int t = 0; t < tokens; t++) {
                    if (batch.attentionMask()[row * tokens + t] == 0) {
                        continue;
                    }
                    kept++;
                    int offset = base + t * hidden;
                    for (int h = 0; h < hidden; h++) {
                        vector[h] += states.get(offset + h);
                    }
                }
                assert kept > 0 : "every text keeps at least its special tokens";
                for (int h = 0; h < hidden; h++) {
                    vector[h] /= kept;
                }
            }
            Vectors.normalise(vector);
        }
        return out;
    }

    @Override
    public float[][] embedImages(List<float[]> pixels) {
        throw new UnsupportedModalityException(info.id(), Modality.IMAGE);
    }

    @Override
    public ImagePreprocessor imagePreprocessor() {
        throw new UnsupportedModalityException(info.id(), Modality.IMAGE);
    }

    @Override
    public void close() {
        tower.close();
        tokenizer.close();
    }
}
