package dev.loupe.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Hands each event of a batch to the processor of its kind: photos, text records. */
public final class EventRouter implements EventProcessor {

    private final IngestEventProcessor photos;
    private final TextEventProcessor texts;

    public EventRouter(IngestEventProcessor photos, TextEventProcessor texts) {
        this.photos = Objects.requireNonNull(photos, "photos");
        this.texts = Objects.requireNonNull(texts, "texts");
    }

    @Override
    public List<EventOutcome> process(List<? extends IngestEvent> events) throws InterruptedException {
        List<PhotoIngested> photoEvents = new ArrayList<>();
        List<TextIngested> textEvents = new ArrayList<>();
        for (IngestEvent event : events) {
            switch (event) {
                case PhotoIngested photo -> photoEvents.add(photo);
                case TextIngested text -> textEvents.add(text);
            }
        }
        List<EventOutcome> outcomes = new ArrayList<>(events.size());
        if (!photoEvents.isEmpty()) {
            outcomes.addAll(photos.process(photoEvents));
        }
        if (!textEvents.isEmpty()) {
            outcomes.addAll(texts.process(textEvents));
        }
        return outcomes;
    }
}
