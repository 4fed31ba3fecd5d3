package dev.loupe.ingest;

import java.io.IOException;
import java.util.function.Consumer;

/** A collection of photos to import: a folder, an Unsplash TSV, a URL list. See {@link ImportSources}. */
public interface ImportSource {

    /**
     * Hands every item to {@code sink}, in a deterministic order, on the calling thread. Bounded: a
     * source stops with a {@link RejectedItem} saying so when it reaches its size limit.
     *
     * @throws IOException when the source as a whole cannot be read (a missing folder, a TSV whose
     *     header lacks a required column); the message says why
     */
    void read(Consumer<SourceItem> sink) throws IOException;
}
