package dev.loupe.vectorstore.milvus;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.loupe.vectorstore.PhotoRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps {@link PhotoRecord}s to Milvus rows and the SDK's field maps back to records. */
final class MilvusRecords {

    private MilvusRecords() {}

    static JsonObject row(PhotoRecord r) {
        JsonObject row = new JsonObject();
        row.addProperty(MilvusSchema.ID, r.id());
        JsonArray vector = new JsonArray(r.vector().length);
        for (float v : r.vector()) {
            vector.add(v);
        }
        row.add(MilvusSchema.VECTOR, vector);
        row.add(MilvusSchema.URL, text(r.url()));
        row.add(MilvusSchema.THUMBNAIL_URL, text(r.thumbnailUrl()));
        row.add(MilvusSchema.TITLE, text(r.title()));
        row.add(MilvusSchema.DESCRIPTION, text(r.description()));
        row.add(MilvusSchema.SOURCE, text(r.source()));
        row.add(MilvusSchema.CONTENT_HASH, text(r.contentHash()));
        row.add(MilvusSchema.MODEL_ID, text(r.modelId()));
        JsonArray tags = new JsonArray(r.tags().size());
        r.tags().forEach(tags::add);
        row.add(MilvusSchema.TAGS, tags);
        row.add(MilvusSchema.WIDTH, number(r.width() == null ? null : r.width().longValue()));
        row.add(
                MilvusSchema.HEIGHT,
                number(r.height() == null ? null : r.height().longValue()));
        row.add(
                MilvusSchema.TAKEN_AT,
                number(r.takenAt() == null ? null : r.takenAt().toEpochMilli()));
        row.add(
                MilvusSchema.INDEXED_AT,
                number(r.indexedAt() == null ? null : r.indexedAt().toEpochMilli()));
        JsonObject extra = new JsonObject();
        r.extra().forEach(extra::addProperty);
        row.add(MilvusSchema.EXTRA, extra);
        return row;
    }

    private static JsonElement text(String value) {
        return value == null ? JsonNull.INSTANCE : new JsonPrimitive(value);
    }

    private static JsonElement number(Long value) {
        return value == null ? JsonNull.INSTANCE : new JsonPrimitive(value);
    }

    /** A record from a query or search entity; the vector is null when it was not requested. */
    static PhotoRecord record(String collection, Map<String, Object> fields) {
        return new PhotoRecord(
                String.valueOf(fields.get(MilvusSchema.ID)),
                vector(fields.get(MilvusSchema.VECTOR)),
                collection,
                string(fields, MilvusSchema.URL),
                string(fields, MilvusSchema.THUMBNAIL_URL),
                string(fields, MilvusSchema.TITLE),
                string(fields, MilvusSchema.DESCRIPTION),
                tags(fields.get(MilvusSchema.TAGS)),
                integer(fields, MilvusSchema.WIDTH),
                integer(fields, MilvusSchema.HEIGHT),
                string(fields, MilvusSchema.SOURCE),
                instant(fields, MilvusSchema.TAKEN_AT),
                instant(fields, MilvusSchema.INDEXED_AT),
                string(fields, MilvusSchema.CONTENT_HASH),
                string(fields, MilvusSchema.MODEL_ID),
                extra(fields.get(MilvusSchema.EXTRA)));
    }

    private static String string(Map<String, Object> fields, String name) {
        Object v = fields.get(name);
        return v == null ? null : v.toString();
    }

    private static Integer integer(Map<String, Object> fields, String name) {
        return fields.get(name) instanceof Number n ? n.intValue() : null;
    }

    private static Instant instant(Map<String, Object> fields, String name) {
        return fields.get(name) instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null;
    }

    static float[] vector(Object value) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        float[] vector = new float[list.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = ((Number) list.get(i)).floatValue();
        }
        return vector;
    }

    private static List<String> tags(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<String> tags = new ArrayList<>(list.size());
        list.forEach(t -> tags.add(String.valueOf(t)));
        return tags;
    }

    private static Map<String, String> extra(Object value) {
        JsonObject json = jsonObject(value);
        if (json == null) {
            return Map.of();
        }
        Map<String, String> extra = new LinkedHashMap<>();
        json.entrySet()
                .forEach(e -> extra.put(
                        e.getKey(),
                        e.getValue().isJsonNull() ? null : e.getValue().getAsString()));
        extra.values().removeIf(v -> v == null);
        return extra;
    }

    /** A JSON column's value as the SDK hands it over (an object, or its text), or null. */
    static JsonObject jsonObject(Object value) {
        return switch (value) {
            case null -> null;
            case JsonObject o -> o;
            case String s when !s.isBlank() -> JsonParser.parseString(s).getAsJsonObject();
            default -> null;
        };
    }
}
