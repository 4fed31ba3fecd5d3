package dev.loupe.encoders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.loupe.encoders.EmbeddingModel;
import dev.loupe.encoders.ModelLoader;
import dev.loupe.encoders.RuntimeOptions;
import dev.loupe.encoders.image.ImageDecoder;
import dev.loupe.encoders.image.ImageLimits;
import dev.loupe.encoders.image.ImagePreprocessor;
import dev.loupe.encoders.text.TextTokenizer;
import dev.loupe.encoders.text.TokenBatch;
import dev.loupe.testkit.BenchReport;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Full-size ViT-B/32 on 2 cores: a bare ONNX Runtime session against Loupe's encoder pipeline
 * (decode, preprocess, infer, normalise) on the same Caltech-101 photos and batch size; short-query
 * text latency with pad-to-longest against pad-to-77.
 *
 * <p>Run: {@code ./loupe bench -pl libs/encoders -Dtest=EncoderBench}
 */
@Tag("bench")
class EncoderBench {

    private static final int BATCH = 16;
    private static final int PHOTOS = 128;
    private static final int QUERY_ROUNDS = 40;
    private static final List<String> SHORT_QUERIES = List.of(
            "a dog",
            "a house by the lake",
            "red sports car",
            "sunset over the sea",
            "a bowl of fruit",
            "two people hiking",
            "an old piano",
            "a cat on a sofa",
            "city at night",
            "a yellow flower");

    @ParameterizedTest(name = "int8 = {0}")
    @ValueSource(booleans = {false, true})
    void image_throughput_bare_session_vs_encoder_pipeline(boolean int8) throws OrtException {
        Path bundle = BenchFixtures.vitB32Bundle(int8);
        List<byte[]> photos = BenchFixtures.read(BenchFixtures.caltechPhotos(PHOTOS));
        BenchReport report = new BenchReport("encoder-images");
        try (EmbeddingModel model = ModelLoader.load("vit-b-32", bundle, RuntimeOptions.cpu())) {
            ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
            ImagePreprocessor preprocessor = model.imagePreprocessor();
            List<float[]> pixels = new ArrayList<>();
            for (byte[] photo : photos) {
                pixels.add(preprocessor.preprocess(decoder.decode(photo)));
            }

            double bare = BareVisionSession.throughput(bundle.resolve("onnx/vision_model.onnx"), pixels, BATCH);
            model.embedImages(pixels.subList(0, BATCH)); // warm-up
            long start = System.nanoTime();
            for (int from = 0; from < photos.size(); from += BATCH) {
                List<float[]> batch = new ArrayList<>();
                for (byte[] photo : photos.subList(from, Math.min(photos.size(), from + BATCH))) {
                    batch.add(preprocessor.preprocess(decoder.decode(photo)));
                }
                assertThat(model.embedImages(batch).length).isEqualTo(batch.size());
            }
            double pipeline = photos.size() / ((System.nanoTime() - start) / 1e9);
            report.line(String.format(
                    "ViT-B/32 %s vision, batch %d, %d Caltech photos: bare session %.2f img/s, encoder pipeline"
                            + " (decode+preprocess+infer) %.2f img/s, ratio %.3f",
                    int8 ? "int8" : "fp32", BATCH, photos.size(), bare, pipeline, pipeline / bare));
            assertThat(pipeline).isPositive();
        }
    }

    @ParameterizedTest(name = "int8 = {0}")
    @ValueSource(booleans = {false, true})
    void short_query_latency_pad_to_longest_vs_pad_to_77(boolean int8) throws OrtException {
        Path bundle = BenchFixtures.vitB32Bundle(int8);
        BenchReport report = new BenchReport("encoder-text");
        try (EmbeddingModel model = ModelLoader.load("vit-b-32", bundle, RuntimeOptions.cpu());
                TextTokenizer tokenizer = TextTokenizer.load(bundle.resolve("tokenizer.json"), 77, 49407);
                OrtSession session = session(bundle.resolve("onnx/text_model.onnx"))) {
            int longest = 0;
            for (String query : SHORT_QUERIES) {
                longest = Math.max(longest, tokenizer.encode(List.of(query)).sequenceLength());
            }
            assertThat(longest).as("every query is at most 10 tokens").isLessThanOrEqualTo(10);

            long[] endToEnd = time(() -> model.embedTexts(List.of(next())));
            long[] padLongest = time(() -> runText(session, tokenizer.encode(List.of(next())), 0));
            long[] pad77 = time(() -> runText(session, tokenizer.encode(List.of(next())), 77));
            report.line(String.format(
                    "ViT-B/32 %s text, one query of <= %d tokens: EmbeddingModel.embedTexts p50 %.2f ms p99 %.2f ms;"
                            + " bare session padded to longest p50 %.2f ms, padded to 77 p50 %.2f ms (%.1fx)",
                    int8 ? "int8" : "fp32",
                    longest,
                    BenchReport.percentileMillis(endToEnd, 0.5),
                    BenchReport.percentileMillis(endToEnd, 0.99),
                    BenchReport.percentileMillis(padLongest, 0.5),
                    BenchReport.percentileMillis(pad77, 0.5),
                    BenchReport.percentileMillis(pad77, 0.5) / BenchReport.percentileMillis(padLongest, 0.5)));
        }
    }

    private int queryCursor;

    private String next() {
        return SHORT_QUERIES.get(queryCursor++ % SHORT_QUERIES.size());
    }

    private interface Step {
        void run() throws OrtException;
    }

    private long[] time(Step step) throws OrtException {
        for (int i = 0; i < SHORT_QUERIES.size(); i++) {
            step.run(); // warm-up
        }
        long[] nanos = new long[QUERY_ROUNDS * SHORT_QUERIES.size()];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            step.run();
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    /** Runs the text graph on one tokenised query, padded to {@code padTo} (0 = as tokenised). */
    private static void runText(OrtSession session, TokenBatch batch, int padTo) throws OrtException {
        int length = Math.max(batch.sequenceLength(), padTo);
        long[] ids = Arrays.copyOf(batch.inputIds(), length);
        long[] mask = Arrays.copyOf(batch.attentionMask(), length);
        Arrays.fill(ids, batch.sequenceLength(), length, 49407L);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {1, length};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
                OrtSession.Result result = session.run(Map.of("input_ids", idTensor, "attention_mask", maskTensor))) {
            assertThat(result.size()).isPositive();
        }
    }

    private static OrtSession session(Path file) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return OrtEnvironment.getEnvironment().createSession(file.toString(), options);
        }
    }

    @Test
    void fixtures_are_found_when_shared_is_present() {
        BenchFixtures.assumeShared();
        assertThat(BenchFixtures.caltechPhotos(PHOTOS)).hasSize(PHOTOS);
    }
}
