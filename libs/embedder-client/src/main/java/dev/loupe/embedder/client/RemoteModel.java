package dev.loupe.embedder.client;

import java.util.Objects;
import java.util.Set;

/**
 * A model embedder-service serves, as {@code GET /v1/models} lists it.
 *
 * @param id its id, stored with every record it embeds
 * @param dimensions the length of its embeddings
 * @param modalities what it embeds: {@code text}, {@code image} or both
 * @param isDefault whether the service embeds with it when a request names no model
 * @param queryPrompt what retrieval puts before a query (BGE's instruction); empty when none
 */
public record RemoteModel(String id, int dimensions, Set<String> modalities, boolean isDefault, String queryPrompt) {

    public RemoteModel {
        Objects.requireNonNull(id, "id");
        modalities = Set.copyOf(modalities);
        queryPrompt = queryPrompt == null ? "" : queryPrompt;
    }

    /** A model that needs no query prompt (CLIP, MiniLM). */
    public RemoteModel(String id, int dimensions, Set<String> modalities, boolean isDefault) {
        this(id, dimensions, modalities, isDefault, "");
    }

    public boolean embedsImages() {
        return modalities.contains("image");
    }

    public boolean embedsText() {
        return modalities.contains("text");
    }
}
