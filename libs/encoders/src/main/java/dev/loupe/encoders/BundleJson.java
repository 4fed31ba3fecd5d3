package dev.loupe.encoders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the JSON files of a model bundle, turning absence and syntax errors into bundle errors. */
final class BundleJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BundleJson() {}

    /** The parsed file, or a missing node when it does not exist. */
    static JsonNode readOptional(Path file) {
        if (!Files.isRegularFile(file)) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelBundleException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    static JsonNode read(Path file) {
        JsonNode node = readOptional(file);
        if (node.isMissingNode()) {
            throw new ModelBundleException("model bundle file missing: " + file);
        }
        return node;
    }

    /** The id of a special token such as {@code <|endoftext|>} from {@code tokenizer.json}'s added tokens. */
    static long addedTokenId(JsonNode tokenizerJson, String content, long fallback) {
        for (JsonNode token : tokenizerJson.path("added_tokens")) {
            if (content.equals(token.path("content").asText())) {
                return token.path("id").asLong();
            }
        }
        return fallback;
    }

    /** The text of a token entry in {@code tokenizer_config.json}, which may be a string or an object. */
    static String tokenContent(JsonNode entry) {
        return entry.isObject() ? entry.path("content").asText(null) : entry.asText(null);
    }
}
