package dev.loupe.encoders;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One ONNX Runtime session (a text or vision tower) whose input and output names have been checked
 * against what Loupe feeds it. {@link OrtSession#run} is thread-safe, so one session serves every
 * caller.
 */
final class OnnxTower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OnnxTower.class);

    private final Path file;
    private final OrtSession session;
    private final ExecutionProvider provider;

    private OnnxTower(Path file, OrtSession session, ExecutionProvider provider) {
        this.file = file;
        this.session = session;
        this.provider = provider;
    }

    static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    /**
     * Opens {@code file} and checks that the graph has every name in {@code requiredInputs} and
     * {@code requiredOutputs}.
     *
     * @throws ModelBundleException naming the file and the names it has when it does not fit
     */
    static OnnxTower open(Path file, Set<String> requiredInputs, Set<String> requiredOutputs, RuntimeOptions options) {
        if (!Files.isRegularFile(file)) {
            throw new ModelBundleException("model file missing: " + file);
        }
        try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions()) {
            sessionOptions.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (options.intraOpThreads() > 0) {
                sessionOptions.setIntraOpNumThreads(options.intraOpThreads());
            }
            if (options.interOpThreads() > 0) {
                sessionOptions.setInterOpNumThreads(options.interOpThreads());
            }
            ExecutionProvider provider = configureProvider(sessionOptions, options, file);
            OrtSession session = environment().createSession(file.toString(), sessionOptions);
            OnnxTower tower = new OnnxTower(file, session, provider);
            try {
                tower.requireNames("input", session.getInputNames(), requiredInputs);
                tower.requireNames("output", session.getOutputNames(), requiredOutputs);
            } catch (RuntimeException e) {
                tower.close();
                throw e;
            }
            return tower;
        } catch (OrtException e) {
            throw new ModelBundleException("ONNX Runtime cannot load " + file + ": " + e.getMessage(), e);
        }
    }

    private static ExecutionProvider configureProvider(
            OrtSession.SessionOptions sessionOptions, RuntimeOptions options, Path file) {
        if (options.provider() != ExecutionProvider.CUDA) {
            return ExecutionProvider.CPU;
        }
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            LOG.warnf(
                    "CUDA was requested for %s but this ONNX Runtime build has no CUDA provider"
                            + " (use the onnxruntime_gpu artifact); running on CPU",
                    file.getFileName());
            return ExecutionProvider.CPU;
        }
        try {
            sessionOptions.addCUDA(options.cudaDeviceId());
            return ExecutionProvider.CUDA;
        } catch (OrtException e) {
            LOG.warnf(
                    "CUDA device %d is not usable for %s (%s); running on CPU",
                    options.cudaDeviceId(), file.getFileName(), e.getMessage());
            return ExecutionProvider.CPU;
        }
    }

    private void requireNames(String kind, Set<String> present, Set<String> required) {
        for (String name : required) {
            if (!present.contains(name)) {
                throw new ModelBundleException(
                        file + " has no " + kind + " named '" + name + "'; its " + kind + "s are " + present);
            }
        }
    }

    boolean hasInput(String name) {
        try {
            return session.getInputNames().contains(name);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The static size of the last axis of {@code output}, or -1 when the graph leaves it dynamic. */
    long lastDimension(String output) {
        try {
            NodeInfo info = session.getOutputInfo().get(output);
            if (info != null && info.getInfo() instanceof TensorInfo tensor) {
                long[] shape = tensor.getShape();
                return shape.length == 0 ? -1 : shape[shape.length - 1];
            }
            return -1;
        } catch (OrtException e) {
            throw new ModelBundleException("cannot read output shape of " + file + ": " + e.getMessage(), e);
        }
    }

    /** The rank of {@code output}'s tensor, or -1 when unknown. */
    int rank(String output) {
        try {
            NodeInfo info = session.getOutputInfo().get(output);
            return info != null && info.getInfo() instanceof TensorInfo tensor ? tensor.getShape().length : -1;
        } catch (OrtException e) {
            throw new ModelBundleException("cannot read output shape of " + file + ": " + e.getMessage(), e);
        }
    }

    Set<String> outputNames() {
        try {
            return session.getOutputNames();
        } catch (RuntimeException e) {
            throw new ModelBundleException("cannot read outputs of " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the graph for one output. The caller closes the inputs; the returned result must be closed
     * too (it owns native memory).
     */
    OrtSession.Result run(Map<String, OnnxTensor> inputs, String output) {
        try {
            return session.run(inputs, Set.of(output));
        } catch (OrtException e) {
            throw new InferenceException("inference failed in " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    ExecutionProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warnf("closing %s: %s", file, e.getMessage());
        }
    }
}
