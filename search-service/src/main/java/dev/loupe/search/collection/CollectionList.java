package dev.loupe.search.collection;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of {@code GET /v1/collections}.
 *
 * @param model the model that embeds queries (with its {@code meaningful} flag)
 * @param collections every collection, by name
 */
@Schema(name = "CollectionList", description = "The collections and the query model")
@JsonPropertyOrder({"model", "collections"})
public record CollectionList(ModelView model, List<CollectionView> collections) {}
