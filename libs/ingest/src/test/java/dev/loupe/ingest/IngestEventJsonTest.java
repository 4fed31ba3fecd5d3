package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.ingest.texts.TextRecord;
import dev.loupe.vectorstore.texts.MetadataValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both kinds of event on the one topic: photos as before, text records with their type. */
class IngestEventJsonTest {

    private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void a_text_event_round_trips_with_its_typed_metadata_and_line() {
        Map<String, MetadataValue> metadata = new LinkedHashMap<>();
        metadata.put("subject", new MetadataValue.Text("math"));
        metadata.put("grade", new MetadataValue.Integer(7));
        metadata.put("difficulty", new MetadataValue.Number(0.5));
        metadata.put("tags", new MetadataValue.Tags(List.of("algebra", "代数")));
        TextIngested event = new TextIngested(
                "e1", "qa", new TextRecord("q1", "已知二次函数 😀", "x = 2", "Quadratics", metadata, 17), AT);

        String json = IngestEventJson.write(event);
        IngestEvent read = IngestEventJson.read(json);

        assertThat(json).contains("\"type\":\"text-ingested\"");
        assertThat(read).isEqualTo(event);
        assertThat(read.itemId()).isEqualTo("q1");
    }

    @Test
    void photo_events_without_a_type_are_read_as_before() {
        PhotoIngested photo = new PhotoIngested("e2", "p1", "photos", "https://images.example/p1.jpg", null, AT);

        assertThat(IngestEventJson.read(PhotoIngestedJson.write(photo))).isEqualTo(photo);
        assertThat(IngestEventJson.read(IngestEventJson.write(photo))).isEqualTo(photo);
    }

    @Test
    void bad_text_events_are_refused_naming_the_field() {
        assertThatThrownBy(() -> IngestEventJson.read("{\"type\": \"text-ingested\", \"eventId\": \"e\","
                        + " \"collection\": \"qa\", \"occurredAt\": \"2026-12-04T10:00:00Z\","
                        + " \"record\": {\"id\": \"q\", \"text\": \" \"}}"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("record")
                .hasMessageContaining("no text");
        assertThatThrownBy(() -> IngestEventJson.read("{\"type\": \"text-ingested\", \"eventId\": \"e\","
                        + " \"collection\": \"qa\", \"occurredAt\": \"2026-12-04T10:00:00Z\"}"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("record");
        assertThatThrownBy(() -> IngestEventJson.read("{\"type\": \"video-ingested\", \"eventId\": \"e\"}"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("type");
        assertThatThrownBy(() -> IngestEventJson.read("{\"type\": \"text-ingested\", \"eventId\": \"e\","
                        + " \"collection\": \"bad name!\", \"occurredAt\": \"2026-12-04T10:00:00Z\","
                        + " \"record\": {\"text\": \"x\"}}"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("collection");
    }
}
