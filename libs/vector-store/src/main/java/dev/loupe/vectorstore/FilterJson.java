package dev.loupe.vectorstore;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The API's JSON form of a {@link Filter}, both ways.
 *
 * <pre>
 * {"field": "width", "op": "gte", "value": 800}
 * {"field": "tags", "op": "contains", "value": "cat"}
 * {"field": "takenAt", "op": "lt", "value": "2024-05-01T00:00:00Z"}
 * {"field": "source", "op": "in", "value": ["unsplash", "folder"]}
 * {"and": [ ... ]}   {"or": [ ... ]}   {"not": { ... }}   {}  (matches everything)
 * </pre>
 *
 * Operators: eq, ne, gt, gte, lt, lte, in, not_in, contains. Values are JSON strings on text fields,
 * ISO-8601 strings on date fields (with {@code Z} or an offset), JSON integers on number fields, and
 * arrays of those for in / not_in. A filter nests at most {@value #MAX_DEPTH} levels and holds at most
 * {@value #MAX_NODES} nodes. Every rejection is an {@link InvalidFilterException} whose message names
 * the JSON path ({@code $.and[1].value}) and what was expected there.
 */
public final class FilterJson {

    /** Deeper trees are almost certainly generated or hostile, and recursion must stay bounded. */
    public static final int MAX_DEPTH = 16;
    /** Comparisons plus and / or / not nodes; bounds the work of translating and evaluating. */
    public static final int MAX_NODES = 256;
    /** Characters of JSON text: room for an in-list of 1000 values of 1 KB, not for a flood. */
    public static final int MAX_JSON_LENGTH = 2 * 1024 * 1024;

    // duplicate keys are an error, not "last wins"; JSON nesting is cut off long before the stack
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(4 * MAX_DEPTH)
                            .build())
                    .build())
            .build();

    private static final Set<String> COMPARISON_KEYS = Set.of("field", "op", "value");

    private FilterJson() {}

    /**
     * Parses a filter; null or blank text means {@link Filter#all()}.
     *
     * @throws InvalidFilterException on malformed JSON or an invalid filter, naming where
     */
    public static Filter parse(String json) {
        return parse(json, FilterField.PHOTOS);
    }

    /**
     * Parses a filter over the fields {@code fields} resolves; null or blank text means {@link Filter#all()}.
     *
     * @throws InvalidFilterException on malformed JSON or an invalid filter, naming where
     */
    public static Filter parse(String json, FilterField.Resolver fields) {
        if (json == null || json.isBlank()) {
            return Filter.all();
        }
        if (json.length() > MAX_JSON_LENGTH) {
            throw new InvalidFilterException("a filter may hold at most " + MAX_JSON_LENGTH + " characters of JSON");
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidFilterException("filter is not valid JSON: " + e.getOriginalMessage());
        }
        return parse(node, fields);
    }

    /**
     * Parses an already-read JSON tree; null or JSON null means {@link Filter#all()}.
     *
     * @throws InvalidFilterException on an invalid filter, naming where
     */
    public static Filter parse(JsonNode node) {
        return parse(node, FilterField.PHOTOS);
    }

    /**
     * Parses an already-read JSON tree over the fields {@code fields} resolves; null or JSON null means
     * {@link Filter#all()}.
     *
     * @throws InvalidFilterException on an invalid filter, naming where
     */
    public static Filter parse(JsonNode node, FilterField.Resolver fields) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Filter.all();
        }
        return new Reader(fields).filter(node, "$", 1);
    }

    /** The JSON text of a filter; {@code parse(write(f))} equals {@code f}. */
    public static String write(Filter filter) {
        try {
            return JSON.writeValueAsString(toJson(filter));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a filter tree always serialises", e);
        }
    }

    /** The JSON tree of a filter. */
    public static ObjectNode toJson(Filter filter) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        switch (filter) {
            case Filter.All all -> {}
            case Filter.Compare c -> {
                out.put("field", c.field().name());
                out.put("op", c.op().name().toLowerCase(Locale.ROOT));
                out.set("value", value(c.value()));
            }
            case Filter.And and -> out.set("and", array(and.filters()));
            case Filter.Or or -> out.set("or", array(or.filters()));
            case Filter.Not not -> out.set("not", toJson(not.filter()));
        }
        return out;
    }

    private static ArrayNode array(List<Filter> filters) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        filters.forEach(f -> a.add(toJson(f)));
        return a;
    }

    private static JsonNode value(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (v) {
            case String s -> f.textNode(s);
            case Long l -> f.numberNode(l);
            case Double d -> f.numberNode(d);
            case Instant i -> f.textNode(i.toString());
            case List<?> list -> {
                ArrayNode a = f.arrayNode();
                list.forEach(x -> a.add(value(x)));
                yield a;
            }
            default -> throw new IllegalStateException("Filter admits no value of type " + v.getClass());
        };
    }

    /** One parse: counts nodes across the whole tree. */
    private static final class Reader {
        private final FilterField.Resolver fields;
        private int nodes;

        Reader(FilterField.Resolver fields) {
            this.fields = fields;
        }

        Filter filter(JsonNode node, String path, int depth) {
            if (depth > MAX_DEPTH) {
                throw new InvalidFilterException(path + ": filters nest at most " + MAX_DEPTH + " levels deep");
            }
            if (++nodes > MAX_NODES) {
                throw new InvalidFilterException(path + ": a filter holds at most " + MAX_NODES + " nodes");
            }
            if (!node.isObject()) {
                throw new InvalidFilterException(path + ": expected a filter object such as"
                        + " {\"field\": \"width\", \"op\": \"gte\", \"value\": 800}, got " + kind(node));
            }
            if (node.isEmpty()) {
                return Filter.all();
            }
            if (node.has("and") || node.has("or") || node.has("not")) {
                if (node.size() != 1) {
                    throw new InvalidFilterException(path + ": \"and\", \"or\" and \"not\" stand alone in their object,"
                            + " got keys " + keys(node));
                }
                if (node.has("not")) {
                    return new Filter.Not(filter(node.get("not"), path + ".not", depth + 1));
                }
                String name = node.has("and") ? "and" : "or";
                List<Filter> operands = operands(node.get(name), path + "." + name, depth);
                return name.equals("and") ? new Filter.And(operands) : new Filter.Or(operands);
            }
            return comparison(node, path);
        }

        private List<Filter> operands(JsonNode array, String path, int depth) {
            if (!array.isArray() || array.isEmpty()) {
                throw new InvalidFilterException(path + ": expected a non-empty array of filters, got " + kind(array));
            }
            List<Filter> out = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                out.add(filter(array.get(i), path + "[" + i + "]", depth + 1));
            }
            return out;
        }

        private Filter comparison(JsonNode node, String path) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String key = names.next();
                if (!COMPARISON_KEYS.contains(key)) {
                    throw new InvalidFilterException(path + ": unexpected key \"" + abbreviate(key)
                            + "\"; a comparison holds \"field\", \"op\" and \"value\", a combination one of"
                            + " \"and\", \"or\", \"not\"");
                }
            }
            JsonNode fieldNode = node.get("field");
            if (fieldNode == null || !fieldNode.isTextual()) {
                throw new InvalidFilterException(
                        path + ".field: expected a field name as a string, got " + kind(fieldNode));
            }
            FilterField field = withPath(path + ".field", () -> fields.resolve(fieldNode.textValue()));
            Filter.Op op = op(node.get("op"), path + ".op");
            JsonNode valueNode = node.get("value");
            String valuePath = path + ".value";
            Object value;
            if (op == Filter.Op.IN || op == Filter.Op.NOT_IN) {
                if (valueNode == null || !valueNode.isArray() || valueNode.isEmpty()) {
                    throw new InvalidFilterException(valuePath + ": " + opName(op) + " expects a non-empty array of "
                            + expected(field) + ", got " + kind(valueNode));
                }
                if (valueNode.size() > FilterValues.MAX_IN_VALUES) {
                    throw new InvalidFilterException(
                            valuePath + ": " + opName(op) + " takes at most " + FilterValues.MAX_IN_VALUES + " values");
                }
                List<Object> values = new ArrayList<>(valueNode.size());
                for (int i = 0; i < valueNode.size(); i++) {
                    values.add(scalar(field, valueNode.get(i), valuePath + "[" + i + "]"));
                }
                value = values;
            } else {
                value = scalar(field, valueNode, valuePath);
            }
            return withPath(path, () -> new Filter.Compare(field, op, value));
        }

        private static Filter.Op op(JsonNode node, String path) {
            if (node != null && node.isTextual()) {
                String text = node.textValue();
                for (Filter.Op op : Filter.Op.values()) {
                    if (opName(op).equals(text)) {
                        return op;
                    }
                }
            }
            throw new InvalidFilterException(
                    path + ": expected one of eq, ne, gt, gte, lt, lte, in, not_in, contains," + " got " + kind(node));
        }

        private static Object scalar(FilterField field, JsonNode node, String path) {
            FilterField.Type type = field.type();
            if (type == FilterField.Type.INTEGER) {
                if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw new InvalidFilterException(path + ": '" + field.name()
                            + "' expects a whole number (a JSON integer), got " + kind(node));
                }
                return node.longValue();
            }
            if (type == FilterField.Type.NUMBER) {
                if (node == null || !node.isNumber() || !Double.isFinite(node.doubleValue())) {
                    throw new InvalidFilterException(
                            path + ": '" + field.name() + "' expects a number, got " + kind(node));
                }
                return node.doubleValue();
            }
            if (node == null || !node.isTextual()) {
                throw new InvalidFilterException(
                        path + ": '" + field.name() + "' expects " + expected(field) + ", got " + kind(node));
            }
            String text = node.textValue();
            if (type == FilterField.Type.INSTANT) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException e) {
                    throw new InvalidFilterException(path + ": '" + field.name()
                            + "' expects an ISO-8601 date-time with a zone, e.g. 2024-05-01T12:00:00Z, got \""
                            + abbreviate(text) + "\"");
                }
            }
            return text;
        }

        private static String expected(FilterField field) {
            return switch (field.type()) {
                case INTEGER -> "whole numbers (JSON integers)";
                case NUMBER -> "numbers";
                case INSTANT -> "an ISO-8601 date-time string";
                case STRING, STRING_LIST -> "a JSON string";
            };
        }
    }

    private static String opName(Filter.Op op) {
        return op.name().toLowerCase(Locale.ROOT);
    }

    private static <T> T withPath(String path, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidFilterException e) {
            throw new InvalidFilterException(path + ": " + e.getMessage());
        }
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "the string \"" + abbreviate(node.textValue()) + "\"";
            case NUMBER -> "the number " + abbreviate(node.asText());
            case BOOLEAN -> "the boolean " + node.asText();
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(n -> names.add("\"" + abbreviate(n) + "\""));
        return String.join(", ", names);
    }

    /** Error messages quote user text, but never all of a long value. */
    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
