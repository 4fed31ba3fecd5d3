package dev.loupe.jobs;

import dev.loupe.ingest.EventOutcome;
import dev.loupe.jobs.store.ImportStore;
import dev.loupe.jobs.store.ImportStore.ItemOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Records the consumer's outcomes on the import's items (see {@link ImportStore#record}): each photo's
 * item moves from pending to indexed, skipped or failed once; redelivered outcomes change nothing, and
 * the job is done when no item is pending.
 */
public final class ItemProgress implements ImportProgress {

    private static final Logger LOG = Logger.getLogger(ItemProgress.class);

    /** Longest reason stored per item; messages beyond it are cut. */
    static final int MAX_REASON_CHARS = 1000;

    private final ImportStore store;
    private final ImportMetrics metrics;

    public ItemProgress(ImportStore store, ImportMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public void record(String importId, List<EventOutcome> outcomes) {
        if (importId == null || importId.isBlank() || outcomes.isEmpty()) {
            return;
        }
        // one outcome per photo: two deliveries of one photo in a batch keep the most final one
        Map<String, ItemOutcome> byPhoto = new LinkedHashMap<>();
        for (EventOutcome outcome : outcomes) {
            ItemOutcome item = item(outcome);
            byPhoto.merge(item.photoId(), item, (a, b) -> rank(b) > rank(a) ? b : a);
        }
        Map<String, Long> changed = store.record(importId, new ArrayList<>(byPhoto.values()));
        metrics.outcomes(changed);
        LOG.debugf("import %s: %d outcome(s), changed %s", importId, outcomes.size(), changed);
    }

    private static ItemOutcome item(EventOutcome outcome) {
        String photoId = outcome.event().itemId();
        return switch (outcome) {
            case EventOutcome.Indexed indexed -> new ItemOutcome(photoId, "indexed", null);
            case EventOutcome.Skipped skipped -> new ItemOutcome(photoId, "skipped", cut(skipped.reason()));
            case EventOutcome.Failed failed ->
                new ItemOutcome(
                        photoId,
                        "failed",
                        cut(
                                failed.message() == null || failed.message().isBlank()
                                        ? String.valueOf(failed.reason())
                                        : failed.message()));
        };
    }

    /** Indexed beats skipped beats failed, as the store's update rule does. */
    private static int rank(ItemOutcome outcome) {
        return switch (outcome.status()) {
            case "indexed" -> 2;
            case "skipped" -> 1;
            default -> 0;
        };
    }

    private static String cut(String reason) {
        return reason == null || reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS);
    }
}
