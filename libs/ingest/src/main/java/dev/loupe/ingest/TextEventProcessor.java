package dev.loupe.ingest;

import dev.loupe.ingest.texts.TextRecord;
import dev.loupe.vectorstore.texts.MetadataType;
import dev.loupe.vectorstore.texts.MetadataValue;
import dev.loupe.vectorstore.texts.TextCollectionInfo;
import dev.loupe.vectorstore.texts.TextEntry;
import dev.loupe.vectorstore.texts.TextStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Indexes a batch of {@code text-ingested} events: grouped by collection, each record is checked
 * against the collection (it must exist, be a text collection, and its metadata must fit the field
 * types the collection holds), skipped when stored unchanged (same text, answer, title and metadata),
 * embedded by the collection's model as a document, and upserted. A record the model refuses, or whose
 * metadata does not fit, fails alone; an embedder or store outage fails the group as retryable.
 * Nothing but a bug escapes {@link #process}.
 */
public final class TextEventProcessor {

    /** The skip reason of an event followed, in the same batch, by another for the same record. */
    public static final String SUPERSEDED = "superseded by a later event for the same record in this batch";

    public static final String UNCHANGED = "unchanged: the stored record has the same text, answer, title and metadata";

    private static final Logger LOG = Logger.getLogger(TextEventProcessor.class);

    private final Supplier<TextStore> store;
    private final TextEmbedder embedder;
    private final Supplier<Instant> clock;

    /**
     * @param store the text store, asked for on every batch; it may throw when the store is unavailable
     *     (the batch then fails as retryable)
     */
    public TextEventProcessor(Supplier<TextStore> store, TextEmbedder embedder) {
        this(store, embedder, Instant::now);
    }

    TextEventProcessor(Supplier<TextStore> store, TextEmbedder embedder, Supplier<Instant> clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return exactly one outcome per event, in any order */
    public List<EventOutcome> process(List<TextIngested> events) {
        List<EventOutcome> outcomes = new ArrayList<>(events.size());
        // collection -> record id -> the last event for it; earlier ones are superseded
        Map<String, Map<String, TextIngested>> groups = new LinkedHashMap<>();
        for (TextIngested event : events) {
            TextIngested earlier = groups.computeIfAbsent(event.collection(), c -> new LinkedHashMap<>())
                    .put(event.itemId(), event);
            if (earlier != null) {
                outcomes.add(new EventOutcome.Skipped(earlier, SUPERSEDED));
            }
        }
        TextStore texts;
        try {
            texts = store.get();
        } catch (RuntimeException e) {
            groups.values()
                    .forEach(g -> g.values()
                            .forEach(event -> outcomes.add(failed(
                                    event,
                                    FailureReason.STORE,
                                    "the text store is unavailable: " + e.getMessage(),
                                    true))));
            return outcomes;
        }
        groups.forEach((collection, byId) -> outcomes.addAll(index(texts, collection, List.copyOf(byId.values()))));
        return outcomes;
    }

    private List<EventOutcome> index(TextStore texts, String collection, List<TextIngested> events) {
        List<EventOutcome> outcomes = new ArrayList<>(events.size());
        Optional<TextCollectionInfo> info;
        Map<String, TextEntry> stored;
        try {
            info = texts.describe(collection);
            stored = info.isEmpty()
                    ? Map.of()
                    : byId(texts.get(
                            collection,
                            events.stream().map(TextIngested::itemId).toList()));
        } catch (RuntimeException e) {
            return all(events, FailureReason.STORE, "the text store is unavailable: " + e.getMessage(), true);
        }
        if (info.isEmpty()) {
            return all(
                    events,
                    FailureReason.COLLECTION,
                    "no text collection '" + collection + "': create it with POST /v1/collections" + " {\"name\": \""
                            + collection + "\", \"kind\": \"texts\", \"model\": \"...\"}",
                    false);
        }
        String model = info.get().spec().modelId();
        List<TextIngested> toEmbed = new ArrayList<>();
        for (TextIngested event : events) {
            Optional<String> conflict =
                    conflict(info.get().fields(), event.record().metadata());
            if (conflict.isPresent()) {
                outcomes.add(failed(event, FailureReason.METADATA, conflict.get(), false));
            } else if (unchanged(stored.get(event.itemId()), event.record())) {
                outcomes.add(new EventOutcome.Skipped(event, UNCHANGED));
            } else {
                toEmbed.add(event);
            }
        }
        List<TextEntry> entries = new ArrayList<>(toEmbed.size());
        List<TextIngested> embedded = new ArrayList<>(toEmbed.size());
        embed(model, toEmbed, outcomes, entries, embedded);
        if (entries.isEmpty()) {
            return outcomes;
        }
        try {
            texts.upsert(collection, entries);
            embedded.forEach(event -> outcomes.add(new EventOutcome.Indexed(event)));
        } catch (IllegalArgumentException e) {
            embedded.forEach(event -> outcomes.add(failed(event, FailureReason.STORE, e.getMessage(), false)));
        } catch (RuntimeException e) {
            LOG.warnf("upserting %d texts into %s failed: %s", entries.size(), collection, e.getMessage());
            embedded.forEach(event ->
                    outcomes.add(failed(event, FailureReason.STORE, "the text store failed: " + e.getMessage(), true)));
        }
        return outcomes;
    }

    /** Embeds the events' texts; a refused text fails alone and the rest are embedded again without it. */
    private void embed(
            String model,
            List<TextIngested> events,
            List<EventOutcome> outcomes,
            List<TextEntry> entries,
            List<TextIngested> embedded) {
        List<TextIngested> remaining = new ArrayList<>(events);
        while (!remaining.isEmpty()) {
            List<float[]> vectors;
            try {
                vectors = embedder.embedDocuments(
                        model, remaining.stream().map(e -> e.record().text()).toList());
            } catch (TextEmbedder.TextRefusedException e) {
                if (e.index() < 0 || e.index() >= remaining.size()) {
                    remaining.forEach(
                            event -> outcomes.add(failed(event, FailureReason.EMBEDDING, e.getMessage(), false)));
                    return;
                }
                outcomes.add(failed(remaining.remove(e.index()), FailureReason.EMBEDDING, e.getMessage(), false));
                continue;
            } catch (TextEmbedder.UnknownTextModelException e) {
                remaining.forEach(event -> outcomes.add(
                        failed(event, FailureReason.EMBEDDING, "the collection's model: " + e.getMessage(), false)));
                return;
            } catch (RuntimeException e) {
                remaining.forEach(event -> outcomes.add(
                        failed(event, FailureReason.EMBEDDING, "embedding failed: " + e.getMessage(), true)));
                return;
            }
            Instant now = clock.get();
            for (int i = 0; i < remaining.size(); i++) {
                TextRecord r = remaining.get(i).record();
                entries.add(new TextEntry(r.id(), vectors.get(i), r.text(), r.answer(), r.title(), r.metadata(), now));
                embedded.add(remaining.get(i));
            }
            return;
        }
    }

    /** Why the metadata does not fit the collection's field types, if it does not. */
    static Optional<String> conflict(Map<String, MetadataType> fields, Map<String, MetadataValue> metadata) {
        for (Map.Entry<String, MetadataValue> field : metadata.entrySet()) {
            MetadataType have = field.getValue().type();
            MetadataType holds = fields.get(field.getKey());
            if (holds != null
                    && !holds.accepts(have)
                    && !(holds == MetadataType.INTEGER && have == MetadataType.NUMBER)) {
                return Optional.of("metadata field '" + field.getKey() + "' holds " + holds.wireName()
                        + " values in this collection, got " + have.wireName());
            }
        }
        return Optional.empty();
    }

    private static boolean unchanged(TextEntry stored, TextRecord record) {
        return stored != null
                && stored.text().equals(record.text())
                && Objects.equals(stored.answer(), record.answer())
                && Objects.equals(stored.title(), record.title())
                && stored.metadata().equals(record.metadata());
    }

    private static Map<String, TextEntry> byId(List<TextEntry> entries) {
        Map<String, TextEntry> out = new HashMap<>();
        entries.forEach(e -> out.put(e.id(), e));
        return out;
    }

    private static List<EventOutcome> all(
            List<TextIngested> events, FailureReason reason, String message, boolean retryable) {
        return events.stream().map(e -> failed(e, reason, message, retryable)).toList();
    }

    private static EventOutcome failed(TextIngested event, FailureReason reason, String message, boolean retryable) {
        return new EventOutcome.Failed(event, reason, message, retryable);
    }
}
