package dev.loupe.search.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.search.problem.InvalidRequestException;
import dev.loupe.search.problem.RequestNumbers;
import dev.loupe.service.problem.Problems;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The weight of each query part in the combined query vector (see the package documentation).
 *
 * @param text weight of {@code text}
 * @param image weight of the image ({@code image} upload or {@code imageUrl})
 * @param photo weight of the stored vector of {@code photoId}
 * @param negativeText weight subtracted for {@code negativeText}
 */
public record SearchWeights(double text, double image, double photo, double negativeText) {

    /** Positive parts count equally; a negative text pulls half as hard as a positive part pushes. */
    public static final SearchWeights DEFAULT = new SearchWeights(1, 1, 1, 0.5);

    /** Weights are relative; beyond this they only express a typo. */
    static final double MAX_WEIGHT = 100;

    private static final String FIELD = "weights";

    /**
     * Reads the {@code weights} object; absent keys keep their default, {@code photoId} is an alias of
     * {@code photo}.
     *
     * @param node a JSON object, or null / JSON null for the defaults
     * @throws InvalidRequestException on anything but an object of known keys with numbers from 0 to 100
     */
    public static SearchWeights parse(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return DEFAULT;
        }
        if (!node.isObject()) {
            throw InvalidRequestException.invalid(
                    FIELD, "expected an object such as {\"text\": 1, \"image\": 1, \"negativeText\": 0.5}");
        }
        double text = DEFAULT.text;
        double image = DEFAULT.image;
        double photo = DEFAULT.photo;
        double negativeText = DEFAULT.negativeText;
        List<String> unknown = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String key = entry.getKey();
            switch (key) {
                case "text" -> text = weight(key, entry.getValue());
                case "image" -> image = weight(key, entry.getValue());
                case "photo", "photoId" -> photo = weight(key, entry.getValue());
                case "negativeText" -> negativeText = weight(key, entry.getValue());
                default -> unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw InvalidRequestException.invalid(
                    FIELD,
                    "unknown key '" + Problems.quote(unknown.getFirst())
                            + "'; the keys are text, image, photo and negativeText");
        }
        return new SearchWeights(text, image, photo, negativeText);
    }

    private static double weight(String key, JsonNode value) {
        if (!value.isNumber()) {
            throw InvalidRequestException.invalid(FIELD + "." + key, "expected a number from 0 to " + MAX_WEIGHT);
        }
        return RequestNumbers.decimal(FIELD + "." + key, value.doubleValue(), 0, MAX_WEIGHT);
    }
}
