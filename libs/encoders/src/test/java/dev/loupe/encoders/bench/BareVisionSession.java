package dev.loupe.encoders.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline every image benchmark is a ratio of: a plain ONNX Runtime session (default
 * threads, all graph optimisations) fed ready-made pixel tensors, batch after batch.
 */
public final class BareVisionSession {

    private BareVisionSession() {}

    /** Images per second over {@code pixels} in batches of {@code batchSize}, after one warm-up batch. */
    public static double throughput(Path visionModel, List<float[]> pixels, int batchSize) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int perImage = pixels.get(0).length;
        int side = (int) Math.round(Math.sqrt(perImage / 3.0));
        List<float[]> batches = new ArrayList<>();
        for (int from = 0; from < pixels.size(); from += batchSize) {
            List<float[]> slice = pixels.subList(from, Math.min(pixels.size(), from + batchSize));
            float[] batch = new float[slice.size() * perImage];
            for (int i = 0; i < slice.size(); i++) {
                System.arraycopy(slice.get(i), 0, batch, i * perImage, perImage);
            }
            batches.add(batch);
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession session = env.createSession(visionModel.toString(), options)) {
                run(env, session, batches.get(0), perImage, side); // warm-up
                long start = System.nanoTime();
                for (float[] batch : batches) {
                    run(env, session, batch, perImage, side);
                }
                return pixels.size() / ((System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static void run(OrtEnvironment env, OrtSession session, float[] batch, int perImage, int side)
            throws OrtException {
        long[] shape = {batch.length / perImage, 3, side, side};
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch), shape);
                OrtSession.Result result = session.run(java.util.Map.of("pixel_values", input))) {
            if (result.size() == 0) {
                throw new IllegalStateException("the vision graph returned nothing");
            }
        }
    }
}
