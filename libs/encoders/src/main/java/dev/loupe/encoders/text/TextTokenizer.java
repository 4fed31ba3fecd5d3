package dev.loupe.encoders.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.loupe.encoders.ModelBundleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Hugging Face fast tokenizer ({@code tokenizer.json}) that adds the model's special tokens,
 * truncates at the model's position limit keeping the end token, and pads each batch only to its
 * longest text: a three-word query costs a handful of positions, not 77. Thread-safe.
 */
public final class TextTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final int maxTokens;
    private final long padId;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, int maxTokens, long padId) {
        this.tokenizer = tokenizer;
        this.maxTokens = maxTokens;
        this.padId = padId;
    }

    /**
     * Loads {@code tokenizer.json}.
     *
     * @param maxTokens longest sequence including special tokens; longer texts are truncated, the
     *     end token kept
     * @param padId the id written into padding positions (masked out; CLIP pads with its end token)
     */
    public static TextTokenizer load(Path tokenizerJson, int maxTokens, long padId) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new ModelBundleException("tokenizer file missing: " + tokenizerJson);
        }
        if (maxTokens < 2) {
            throw new IllegalArgumentException("maxTokens must leave room for the special tokens");
        }
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optAddSpecialTokens(true)
                    .optTruncation(true)
                    .optMaxLength(maxTokens)
                    .optPadding(false)
                    .build();
            return new TextTokenizer(tokenizer, maxTokens, padId);
        } catch (IOException | RuntimeException e) {
            throw new ModelBundleException("cannot load tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
        }
    }

    /** Tokenises a batch; every row is padded to the longest row. An empty text yields the special tokens. */
    public TokenBatch encode(List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("nothing to tokenise");
        }
        Encoding[] encodings = tokenizer.batchEncode(texts.toArray(String[]::new));
        int longest = 0;
        for (Encoding encoding : encodings) {
            longest = Math.max(longest, encoding.getIds().length);
        }
        assert longest <= maxTokens : "truncation must bound every row";
        long[] ids = new long[encodings.length * longest];
        long[] mask = new long[ids.length];
        java.util.Arrays.fill(ids, padId);
        for (int row = 0; row < encodings.length; row++) {
            long[] rowIds = encodings[row].getIds();
            System.arraycopy(rowIds, 0, ids, row * longest, rowIds.length);
            java.util.Arrays.fill(mask, row * longest, row * longest + rowIds.length, 1L);
        }
        return new TokenBatch(ids, mask, encodings.length, longest);
    }

    public int maxTokens() {
        return maxTokens;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
