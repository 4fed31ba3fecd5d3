package dev.loupe.encoders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.encoders.image.ImagePreprocessor;
import dev.loupe.encoders.image.PreprocessorConfig;
import dev.loupe.encoders.text.TextTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Loads model bundles in the Hugging Face ONNX layout.
 *
 * <ul>
 *   <li>CLIP: {@code config.json}, {@code tokenizer.json} and {@code onnx/text_model.onnx} ({@code
 *       input_ids}, optionally {@code attention_mask} → {@code text_embeds}); {@code preprocessor_config.json}
 *       and {@code onnx/vision_model.onnx} ({@code pixel_values} → {@code image_embeds}). Either
 *       tower may be absent.
 *   <li>Text models of the BERT family: {@code model.onnx} (or {@code onnx/model.onnx}) and {@code
 *       tokenizer.json}; pooling from sentence-transformers' {@code 1_Pooling/config.json}, else
 *       {@code "pooling": "mean"|"cls"} in {@code config.json}, else mean; texts are truncated at {@code
 *       max_seq_length} of {@code sentence_bert_config.json}, within BERT's 512 positions; the query
 *       prompt from {@code config_sentence_transformers.json}'s {@code prompts.query} ({@code
 *       deploy/models/fetch-text-model.sh} writes this layout).
 * </ul>
 */
public final class ModelLoader {

    private static final Logger LOG = Logger.getLogger(ModelLoader.class);

    private static final int CLIP_MAX_TOKENS = 77; // CLIP's position table
    private static final int BERT_MAX_TOKENS = 512; // BERT's position table

    private ModelLoader() {}

    /**
     * Whether the bundle in {@code dir} is a text model (a sentence-transformers export: {@code
     * model.onnx} with its tokenizer), not a CLIP model ({@code onnx/text_model.onnx}, {@code
     * onnx/vision_model.onnx}). Looks at file names only; loading checks the rest.
     */
    public static boolean isTextBundle(Path dir) {
        boolean clip = Files.exists(dir.resolve("onnx/text_model.onnx"))
                || Files.exists(dir.resolve("onnx/vision_model.onnx"));
        return !clip
                && (Files.isRegularFile(dir.resolve("model.onnx"))
                        || Files.isRegularFile(dir.resolve("onnx/model.onnx")));
    }

    /**
     * Loads the bundle in {@code dir}.
     *
     * @param id the model id reported in {@link ModelInfo#id()}
     * @throws ModelBundleException when a file is missing, a graph lacks an expected input or output,
     *     or the towers' dimensions disagree with each other or with {@code config.json}
     */
    public static EmbeddingModel load(String id, Path dir, RuntimeOptions options) {
        if (!Files.isDirectory(dir)) {
            throw new ModelBundleException("model bundle directory missing: " + dir);
        }
        Path textModel = dir.resolve("onnx/text_model.onnx");
        Path visionModel = dir.resolve("onnx/vision_model.onnx");
        if (Files.exists(textModel) || Files.exists(visionModel)) {
            return loadClip(id, dir, textModel, visionModel, options);
        }
        for (Path single : new Path[] {dir.resolve("model.onnx"), dir.resolve("onnx/model.onnx")}) {
            if (Files.exists(single)) {
                return loadTextOnly(id, dir, single, options);
            }
        }
        throw new ModelBundleException(dir + " is not a model bundle: expected onnx/text_model.onnx and/or"
                + " onnx/vision_model.onnx (CLIP), or model.onnx with tokenizer.json (text model)");
    }

    private static EmbeddingModel loadClip(
            String id, Path dir, Path textModel, Path visionModel, RuntimeOptions options) {
        JsonNode config = BundleJson.read(dir.resolve("config.json"));
        JsonNode textConfig = config.path("text_config");
        int configured = config.path("projection_dim").asInt(-1);
        TextTokenizer tokenizer = null;
        OnnxTower textTower = null;
        ImagePreprocessor preprocessor = null;
        OnnxTower visionTower = null;
        try {
            int maxTokens = CLIP_MAX_TOKENS;
            if (Files.exists(textModel)) {
                maxTokens = textConfig.path("max_position_embeddings").asInt(CLIP_MAX_TOKENS);
                Path tokenizerFile = dir.resolve("tokenizer.json");
                tokenizer = TextTokenizer.load(tokenizerFile, maxTokens, clipPadId(dir, tokenizerFile, textConfig));
                // Some exports (Transformers.js) take no attention_mask: CLIP's causal attention
                // never lets the end token see right-hand padding, so it is fed only when declared.
                textTower =
                        OnnxTower.open(textModel, Set.of(ClipModel.INPUT_IDS), Set.of(ClipModel.TEXT_EMBEDS), options);
                configured = agree(dir, configured, textTower.lastDimension(ClipModel.TEXT_EMBEDS), textModel);
            }
            int imageSize = 0;
            if (Files.exists(visionModel)) {
                PreprocessorConfig preprocessing = PreprocessorConfig.read(dir.resolve("preprocessor_config.json"));
                if (preprocessing.cropHeight() != preprocessing.cropWidth()) {
                    throw new ModelBundleException(
                            dir + "/preprocessor_config.json: Loupe needs a square crop_size, got "
                                    + preprocessing.cropHeight() + "x" + preprocessing.cropWidth());
                }
                imageSize = preprocessing.cropHeight();
                int expectedSize =
                        config.path("vision_config").path("image_size").asInt(imageSize);
                if (expectedSize != imageSize) {
                    throw new ModelBundleException(dir + ": preprocessor crop " + imageSize
                            + " differs from the vision model's image_size " + expectedSize);
                }
                preprocessor = new ImagePreprocessor(preprocessing);
                visionTower = OnnxTower.open(
                        visionModel, Set.of(ClipModel.PIXEL_VALUES), Set.of(ClipModel.IMAGE_EMBEDS), options);
                configured = agree(dir, configured, visionTower.lastDimension(ClipModel.IMAGE_EMBEDS), visionModel);
            }
            if (configured <= 0) {
                throw new ModelBundleException(
                        dir + ": cannot tell the embedding size; set projection_dim in config.json");
            }
            Set<Modality> modalities = EnumSet.noneOf(Modality.class);
            if (textTower != null) {
                modalities.add(Modality.TEXT);
            }
            if (visionTower != null) {
                modalities.add(Modality.IMAGE);
            }
            ExecutionProvider provider = (textTower != null ? textTower : visionTower).provider();
            ModelInfo info = new ModelInfo(id, modalities, configured, maxTokens, imageSize, provider);
            LOG.infof("loaded CLIP model %s from %s: %s", id, dir, info);
            return new ClipModel(info, tokenizer, textTower, preprocessor, visionTower);
        } catch (RuntimeException e) {
            closeQuietly(tokenizer, textTower, visionTower);
            throw e;
        }
    }

    private static EmbeddingModel loadTextOnly(String id, Path dir, Path modelFile, RuntimeOptions options) {
        JsonNode config = BundleJson.readOptional(dir.resolve("config.json"));
        TextOnlyModel.Pooling pooling = pooling(dir, config);
        // sentence-transformers truncates at max_seq_length (MiniLM: 256), within the position table
        int maxTokens = Math.min(
                Math.min(BERT_MAX_TOKENS, config.path("max_position_embeddings").asInt(BERT_MAX_TOKENS)),
                BundleJson.readOptional(dir.resolve("sentence_bert_config.json"))
                        .path("max_seq_length")
                        .asInt(BERT_MAX_TOKENS));
        Path tokenizerFile = dir.resolve("tokenizer.json");
        TextTokenizer tokenizer = null;
        OnnxTower tower = null;
        try {
            tokenizer = TextTokenizer.load(tokenizerFile, maxTokens, textPadId(tokenizerFile));
            tower = OnnxTower.open(modelFile, Set.of(ClipModel.INPUT_IDS, ClipModel.ATTENTION_MASK), Set.of(), options);
            Set<String> outputs = tower.outputNames();
            String output = textOutput(tower, outputs);
            int rank = tower.rank(output);
            if (rank == 2) {
                pooling = TextOnlyModel.Pooling.NONE;
            } else if (rank != 3) {
                throw new ModelBundleException(modelFile + ": output '" + output
                        + "' must be [batch, dims] or [batch, tokens, hidden], its rank is " + rank);
            }
            int dimensions = agree(dir, config.path("hidden_size").asInt(-1), tower.lastDimension(output), modelFile);
            if (dimensions <= 0) {
                throw new ModelBundleException(
                        dir + ": cannot tell the embedding size; set hidden_size in config.json");
            }
            String queryPrompt = BundleJson.readOptional(dir.resolve("config_sentence_transformers.json"))
                    .path("prompts")
                    .path("query")
                    .asText("");
            ModelInfo info =
                    new ModelInfo(id, Set.of(Modality.TEXT), dimensions, maxTokens, 0, tower.provider(), queryPrompt);
            LOG.infof("loaded text model %s from %s (%s pooling): %s", id, dir, pooling, info);
            return new TextOnlyModel(info, tokenizer, tower, output, pooling);
        } catch (RuntimeException e) {
            closeQuietly(tokenizer, tower);
            throw e;
        }
    }

    /**
     * The output a text graph is read from: {@code sentence_embedding} (pooled by the graph), else
     * {@code last_hidden_state}, else the first token-state output ({@code [batch, tokens, hidden]},
     * e.g. all-MiniLM-L6-v2's {@code output_0} beside its {@code [CLS]} pooler output), else the first.
     */
    private static String textOutput(OnnxTower tower, Set<String> outputs) {
        for (String preferred : List.of("sentence_embedding", "last_hidden_state")) {
            if (outputs.contains(preferred)) {
                return preferred;
            }
        }
        return outputs.stream()
                .sorted()
                .filter(name -> tower.rank(name) == 3)
                .findFirst()
                .orElseGet(() -> outputs.stream().sorted().findFirst().orElseThrow());
    }

    /** The embedding size both sources agree on; -1 means unknown and defers to the other. */
    private static int agree(Path dir, int configured, long fromGraph, Path graph) {
        if (fromGraph > 0 && configured > 0 && fromGraph != configured) {
            throw new ModelBundleException(dir + ": " + graph.getFileName() + " returns " + fromGraph
                    + "-dimensional embeddings but the bundle says " + configured);
        }
        return configured > 0 ? configured : (int) fromGraph;
    }

    private static long clipPadId(Path dir, Path tokenizerFile, JsonNode textConfig) {
        JsonNode tokenizerJson = BundleJson.read(tokenizerFile);
        // Hugging Face's CLIPTokenizerFast pads with <|endoftext|>; tokenizer_config.json may say otherwise.
        String padToken = BundleJson.tokenContent(
                BundleJson.readOptional(dir.resolve("tokenizer_config.json")).path("pad_token"));
        long eos = BundleJson.addedTokenId(
                tokenizerJson, "<|endoftext|>", textConfig.path("eos_token_id").asLong(0));
        return padToken == null ? eos : BundleJson.addedTokenId(tokenizerJson, padToken, eos);
    }

    private static long textPadId(Path tokenizerFile) {
        JsonNode tokenizerJson = BundleJson.read(tokenizerFile);
        JsonNode padding = tokenizerJson.path("padding");
        return padding.isObject()
                ? padding.path("pad_id").asLong(0)
                : BundleJson.addedTokenId(tokenizerJson, "[PAD]", 0);
    }

    private static TextOnlyModel.Pooling pooling(Path dir, JsonNode config) {
        JsonNode sentenceTransformers = BundleJson.readOptional(dir.resolve("1_Pooling/config.json"));
        if (sentenceTransformers.path("pooling_mode_cls_token").asBoolean(false)) {
            return TextOnlyModel.Pooling.CLS;
        }
        if (sentenceTransformers.path("pooling_mode_mean_tokens").asBoolean(false)) {
            return TextOnlyModel.Pooling.MEAN;
        }
        String declared = config.path("pooling").asText("mean").toLowerCase(Locale.ROOT);
        return switch (declared) {
            case "mean" -> TextOnlyModel.Pooling.MEAN;
            case "cls" -> TextOnlyModel.Pooling.CLS;
            default ->
                throw new ModelBundleException(
                        dir + "/config.json: pooling must be 'mean' or 'cls', got '" + declared + "'");
        };
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                LOG.debugf("closing after a failed load: %s", e.getMessage());
            }
        }
    }
}
