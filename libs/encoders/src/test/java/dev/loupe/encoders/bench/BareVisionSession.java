package dev.loupe.encoders.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The baseline every image benchmark is a ratio of: a plain ONNX Runtime session (default
 * threads, all graph optimisations) fed ready-made pixel tensors, batch after batch.
 */
public final class BareVisionSession {

    private BareVisionSession() {}

    /** Images per second over {@code pixels} in batches of {@code batchSize}, after one warm-up batch. */
    public static double throughput(Path visionModel, List<float[]> pixels, int batchSize) throws OrtException {
        return throughput(visionModel, pixels, batchSize, 1);
    }

    /**
     * The same with {@code runners} threads taking batches from one queue, each run on a
     * single-threaded session when {@code runners > 1} (the other way to use the cores).
     */
    public static double throughput(Path visionModel, List<float[]> pixels, int batchSize, int runners)
            throws OrtException {
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
            if (runners > 1) {
                options.setIntraOpNumThreads(1);
            }
            try (OrtSession session = env.createSession(visionModel.toString(), options)) {
                run(env, session, batches.get(0), perImage, side); // warm-up
                ConcurrentLinkedQueue<float[]> queue = new ConcurrentLinkedQueue<>(batches);
                long start = System.nanoTime();
                try (ExecutorService pool = Executors.newFixedThreadPool(runners)) {
                    List<Future<?>> done = new ArrayList<>();
                    for (int r = 0; r < runners; r++) {
                        done.add(pool.submit(() -> {
                            for (float[] batch = queue.poll(); batch != null; batch = queue.poll()) {
                                run(env, session, batch, perImage, side);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> runner : done) {
                        runner.get();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while measuring", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a bare session run failed", e.getCause());
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
