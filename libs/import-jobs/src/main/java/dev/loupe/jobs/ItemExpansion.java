package dev.loupe.jobs;

import dev.loupe.ingest.ImportPlanner.Plan;
import dev.loupe.ingest.IngestEvent;
import dev.loupe.ingest.IngestEventJson;
import dev.loupe.ingest.InvalidEventException;
import dev.loupe.ingest.PhotoIngested;
import dev.loupe.ingest.PhotoSource;
import dev.loupe.ingest.RejectedItem;
import dev.loupe.ingest.SourceItem;
import dev.loupe.ingest.TextIngested;
import dev.loupe.ingest.TextSource;
import dev.loupe.jobs.store.ImportStore;
import dev.loupe.jobs.store.ImportStore.NewItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Stores the items a source yields, a batch at a time, numbering them in source order: a photo or a
 * text record with its event, or a refused entry. Items already stored (a resumed expansion) are left
 * as they are.
 */
final class ItemExpansion implements Consumer<SourceItem> {

    private static final Logger LOG = Logger.getLogger(ItemExpansion.class);

    private final ImportStore store;
    private final String id;
    private final String collection;
    private final int batchSize;
    private final List<NewItem> batch = new ArrayList<>();
    private int position;

    private ItemExpansion(ImportStore store, String id, String collection, int batchSize) {
        this.store = store;
        this.id = id;
        this.collection = collection;
        this.batchSize = batchSize;
    }

    /**
     * Reads the plan's source into the job's items and marks it expanded; fails the job when the source
     * as a whole cannot be read.
     *
     * @return whether the job is now running (false: it failed as a whole)
     */
    static boolean expand(ImportStore store, String id, String collection, Plan plan, int batchSize) {
        ItemExpansion expansion = new ItemExpansion(store, id, collection, batchSize);
        try {
            plan.source().read(expansion);
            expansion.flush();
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("import %s failed: %s", id, e.getMessage());
            store.fail(id, e.getMessage());
            return false;
        }
        store.markExpanded(id);
        LOG.infof("import %s: %d item(s) read from %s", id, expansion.position, plan.description());
        return true;
    }

    @Override
    public void accept(SourceItem item) {
        batch.add(
                switch (item) {
                    case PhotoSource photo -> photo(photo);
                    case TextSource text -> text(text);
                    case RejectedItem rejected -> NewItem.refused(position, rejected.source(), rejected.reason());
                });
        position++;
        if (batch.size() >= batchSize) {
            flush();
        }
    }

    private NewItem photo(PhotoSource photo) {
        String location = photo.location().toString();
        return checked(
                location,
                new PhotoIngested(
                        UUID.randomUUID().toString(),
                        photo.photoId(),
                        collection,
                        location,
                        photo.metadata(),
                        Instant.now()));
    }

    private NewItem text(TextSource text) {
        return checked(
                text.location(),
                new TextIngested(UUID.randomUUID().toString(), collection, text.record(), Instant.now()));
    }

    /** The item of an event, or a refused one when the event would not pass the consumer's validation. */
    private NewItem checked(String location, IngestEvent event) {
        try {
            IngestEventJson.read(IngestEventJson.write(event));
        } catch (InvalidEventException e) {
            return NewItem.refused(position, location, "not a valid event: " + e.getMessage());
        }
        return NewItem.of(position, location, event);
    }

    void flush() {
        store.insertItems(id, batch);
        batch.clear();
    }
}
