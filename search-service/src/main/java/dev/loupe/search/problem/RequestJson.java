package dev.loupe.search.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.service.problem.Problems;
import java.util.ArrayList;
import java.util.List;

/** Reads JSON sent as text in a form field ({@code weights}, {@code labels}), naming the field on failure. */
public final class RequestJson {

    /** Longest JSON text of a form field: room for 1000 labels of 200 characters. */
    static final int MAX_CHARS = 256 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestJson() {}

    /**
     * @return the JSON tree of {@code text}, or null when it is null or blank
     * @throws InvalidRequestException when it is too long or not JSON
     */
    public static JsonNode parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_CHARS) {
            throw InvalidRequestException.invalid(field, "at most " + MAX_CHARS + " characters of JSON");
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.invalid(field, "not valid JSON: " + Problems.quote(e.getOriginalMessage()));
        }
    }

    /**
     * @return the strings of a JSON array
     * @throws InvalidRequestException when it is not an array of strings
     */
    public static List<String> strings(String field, String text) {
        JsonNode array = parse(field, text);
        if (array == null || !array.isArray()) {
            throw InvalidRequestException.invalid(field, "expected a JSON array of strings");
        }
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isTextual()) {
                throw InvalidRequestException.invalid(field + "[" + i + "]", "expected a string");
            }
            out.add(item.textValue());
        }
        return out;
    }
}
