package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The photo-ingested event's JSON: round trip, and every rejection naming its field. */
class PhotoIngestedJsonTest {

    private static final String VALID = """
            {"eventId": "e-1", "photoId": "abc123", "collection": "unsplash",
             "imageUrl": "https://images.example/abc123.jpg",
             "metadata": {"title": "Lake", "description": "a house by the lake", "tags": ["lake", "house"],
                          "width": 4000, "height": 3000, "author": "jane", "source": "unsplash",
                          "takenAt": "2021-01-06T10:54:53+01:00", "photo_location_country": "Norway",
                          "exif_iso": 100, "extra": {"title": "kept apart"}},
             "occurredAt": "2024-05-01T12:00:00Z", "producer": "ignored"}
            """;

    @Test
    void reads_every_field() {
        PhotoIngested event = PhotoIngestedJson.read(VALID);

        assertThat(event.eventId()).isEqualTo("e-1");
        assertThat(event.photoId()).isEqualTo("abc123");
        assertThat(event.collection()).isEqualTo("unsplash");
        assertThat(event.imageUrl()).isEqualTo("https://images.example/abc123.jpg");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(event.metadata())
                .isEqualTo(new PhotoMetadata(
                        "Lake",
                        "a house by the lake",
                        List.of("lake", "house"),
                        4000,
                        3000,
                        "jane",
                        "unsplash",
                        Instant.parse("2021-01-06T09:54:53Z"),
                        Map.of("photo_location_country", "Norway", "exif_iso", "100", "title", "kept apart")));
    }

    @Test
    void an_event_names_the_photo_to_ingest() {
        PhotoIngested event = PhotoIngestedJson.read(VALID);

        assertThat(event.photoSource())
                .isEqualTo(
                        new PhotoSource("abc123", URI.create("https://images.example/abc123.jpg"), event.metadata()));
    }

    @Test
    void writes_what_it_reads() {
        PhotoIngested event = PhotoIngestedJson.read(VALID);

        assertThat(PhotoIngestedJson.read(PhotoIngestedJson.write(event))).isEqualTo(event);
    }

    @Test
    void metadata_is_optional() {
        PhotoIngested event = PhotoIngestedJson.read("""
                {"eventId": "e", "photoId": "p", "collection": "c", "imageUrl": "file:///srv/p.jpg",
                 "occurredAt": "2024-05-01T12:00:00Z"}""");

        assertThat(event.metadata()).isEqualTo(PhotoMetadata.EMPTY);
        assertThat(PhotoIngestedJson.write(event)).doesNotContain("metadata");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "missing eventId | \"eventId\": \"e\", | | eventId | is required",
                "blank photoId | \"photoId\": \"p\" | \"photoId\": \" \" | photoId | is required",
                "numeric photoId | \"photoId\": \"p\" | \"photoId\": 7 | photoId | must be a string",
                "control characters | \"photoId\": \"p\" | \"photoId\": \"a\\nb\" | photoId | control characters",
                "bad collection | \"collection\": \"c\" | \"collection\": \"a b\" | collection | must start with a letter",
                "private scheme | \"imageUrl\": \"file:///srv/p.jpg\" | \"imageUrl\": \"javascript:x\" | imageUrl"
                        + " | not an absolute http, https or file URL",
                "relative url | \"imageUrl\": \"file:///srv/p.jpg\" | \"imageUrl\": \"/p.jpg\" | imageUrl | not an absolute",
                "missing occurredAt | \"occurredAt\": \"2024-05-01T12:00:00Z\" | \"y\": 1 | occurredAt | is required",
                "date without zone | \"occurredAt\": \"2024-05-01T12:00:00Z\" | \"occurredAt\": \"2024-05-01T12:00:00\""
                        + " | occurredAt | not an ISO-8601 date-time",
                "metadata array | \"x\": 0 | \"metadata\": [] | metadata | must be an object",
                "tag not a string | \"x\": 0 | \"metadata\": {\"tags\": [\"a\", 3]} | metadata.tags[1] | non-blank string",
                "tags not an array | \"x\": 0 | \"metadata\": {\"tags\": \"a\"} | metadata.tags | array of strings",
                "zero width | \"x\": 0 | \"metadata\": {\"width\": 0} | metadata.width | whole number",
                "fractional height | \"x\": 0 | \"metadata\": {\"height\": 1.5} | metadata.height | whole number",
                "bad takenAt | \"x\": 0 | \"metadata\": {\"takenAt\": \"yesterday\"} | metadata.takenAt | not an ISO",
                "title not text | \"x\": 0 | \"metadata\": {\"title\": {}} | metadata.title | must be a string",
                "nested extra | \"x\": 0 | \"metadata\": {\"camera\": {\"make\": \"x\"}} | metadata.camera"
                        + " | extra metadata fields must be strings",
                "duplicate key | \"x\": 0 | \"eventId\": \"again\" | $ | Duplicate field 'eventId'",
            })
    void rejects_invalid_events_naming_the_field(
            String name, String replaced, String replacement, String field, String message) {
        String json = """
                {"eventId": "e", "photoId": "p", "collection": "c", "imageUrl": "file:///srv/p.jpg", "x": 0,
                 "occurredAt": "2024-05-01T12:00:00Z"}""".replace(replaced, replacement == null ? "" : replacement);

        InvalidEventException invalid =
                catchThrowableOfType(InvalidEventException.class, () -> PhotoIngestedJson.read(json));

        assertThat(invalid).as(json).isNotNull();
        assertThat(invalid.field()).isEqualTo(field);
        assertThat(invalid.getMessage()).startsWith(field + ": ").contains(message);
    }

    @Test
    void rejects_what_is_not_a_json_object() {
        for (String json : new String[] {"", "[]", "\"event\"", "{", "null"}) {
            InvalidEventException invalid =
                    catchThrowableOfType(InvalidEventException.class, () -> PhotoIngestedJson.read(json));
            assertThat(invalid).as(json).isNotNull();
            assertThat(invalid.field()).isEqualTo("$");
        }
    }

    @Test
    void rejects_oversized_events_before_parsing() {
        byte[] huge = new byte[PhotoIngestedJson.MAX_JSON_BYTES + 1];

        InvalidEventException invalid =
                catchThrowableOfType(InvalidEventException.class, () -> PhotoIngestedJson.read(huge));

        assertThat(invalid.getMessage()).isEqualTo("$: the event is larger than 1048576 bytes");
    }

    @Test
    void bounds_tags_and_extra_fields() {
        String tags = "\"t\",".repeat(257) + "\"t\"";
        String tooManyTags = VALID.replace("[\"lake\", \"house\"]", "[" + tags + "]");
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i < 129; i++) {
            extra.append("\"k").append(i).append("\": \"v\", ");
        }
        String tooMuchExtra = VALID.replace("\"photo_location_country\"", extra + "\"photo_location_country\"");

        assertThat(catchThrowableOfType(InvalidEventException.class, () -> PhotoIngestedJson.read(tooManyTags))
                        .getMessage())
                .isEqualTo("metadata.tags: at most 256 tags are allowed");
        assertThat(catchThrowableOfType(InvalidEventException.class, () -> PhotoIngestedJson.read(tooMuchExtra))
                        .getMessage())
                .contains("at most 128 extra metadata fields are allowed");
    }
}
