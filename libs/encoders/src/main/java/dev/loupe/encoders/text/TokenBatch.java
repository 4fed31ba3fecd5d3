package dev.loupe.encoders.text;

/**
 * Token ids and attention mask for a batch of texts, padded to the longest text in the batch, laid
 * out row-major as ONNX Runtime wants them ({@code [batchSize, sequenceLength]}).
 *
 * @param inputIds {@code batchSize * sequenceLength} token ids; padding positions hold the pad id
 * @param attentionMask 1 for real tokens, 0 for padding
 * @param batchSize number of texts
 * @param sequenceLength tokens per row, special tokens included
 */
public record TokenBatch(long[] inputIds, long[] attentionMask, int batchSize, int sequenceLength) {

    public TokenBatch {
        if (inputIds.length != (long) batchSize * sequenceLength || attentionMask.length != inputIds.length) {
            throw new IllegalArgumentException("ids and mask must hold batchSize * sequenceLength values");
        }
    }

    /** The ids of row {@code row} without padding. */
    public long[] ids(int row) {
        int length = length(row);
        long[] ids = new long[length];
        System.arraycopy(inputIds, row * sequenceLength, ids, 0, length);
        return ids;
    }

    /** The number of real (unpadded) tokens in row {@code row}. */
    public int length(int row) {
        int length = 0;
        for (int i = row * sequenceLength, end = i + sequenceLength; i < end; i++) {
            length += (int) attentionMask[i];
        }
        return length;
    }
}
