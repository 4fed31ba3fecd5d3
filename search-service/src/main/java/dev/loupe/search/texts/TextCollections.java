package dev.loupe.search.texts;

import dev.loupe.ingest.TextEmbedder;
import dev.loupe.ingest.texts.MetadataSchema;
import dev.loupe.search.problem.InvalidRequestException;
import dev.loupe.vectorstore.CollectionConflictException;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.IndexSettings;
import dev.loupe.vectorstore.UnknownCollectionException;
import dev.loupe.vectorstore.VectorStore;
import dev.loupe.vectorstore.lexical.TextAnalysis;
import dev.loupe.vectorstore.texts.MetadataType;
import dev.loupe.vectorstore.texts.TextCollectionInfo;
import dev.loupe.vectorstore.texts.TextCollectionSpec;
import dev.loupe.vectorstore.texts.TextFilterFields;
import dev.loupe.vectorstore.texts.TextStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text collections: created with a text model (and an analysis for lexical search), looked up by
 * name. Photo and text collections share one namespace, so a name means one collection.
 */
@ApplicationScoped
public class TextCollections {

    private final TextStore texts;
    private final VectorStore photos;
    private final TextEmbedder embedder;

    TextCollections(TextStore texts, VectorStore photos, TextEmbedder embedder) {
        this.texts = texts;
        this.photos = photos;
        this.embedder = embedder;
    }

    /**
     * Creates a text collection, or does nothing when one with the same model and analysis exists.
     *
     * @param analysis {@code standard}, {@code cjk-bigram} or {@code smart-chinese}; null for the
     *     model's default (CJK bigrams for Chinese models)
     * @param fields metadata field types declared up front ({@code {"grade": "integer"}}); null for none
     * @return whether it was created (false: it existed)
     * @throws InvalidRequestException for a bad name, an unknown model or analysis (400)
     * @throws CollectionConflictException when the name is taken by a photo collection or a text
     *     collection of another model or analysis (409)
     */
    public boolean create(String name, String model, String analysis, Map<String, String> fields) {
        if (model == null || model.isBlank()) {
            throw InvalidRequestException.invalid(
                    "model", "a text collection needs a text model; the text models here are " + embedder.models());
        }
        if (!embedder.models().contains(model)) {
            throw InvalidRequestException.invalid(
                    "model",
                    "no text model '" + model + "'; the text models here are " + embedder.models()
                            + " (deploy/models/fetch-model.sh <id> installs one)");
        }
        TextAnalysis chosen;
        try {
            chosen = analysis == null || analysis.isBlank()
                    ? TextAnalysis.defaultFor(model)
                    : TextAnalysis.parse(analysis);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.invalid("analysis", e.getMessage());
        }
        TextCollectionSpec spec;
        try {
            spec = new TextCollectionSpec(name, embedder.dimensions(model), model, chosen, IndexSettings.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.invalid("name", e.getMessage());
        }
        Map<String, MetadataType> declared = new LinkedHashMap<>();
        if (fields != null) {
            try {
                MetadataSchema.declared(fields).types().forEach(declared::put);
            } catch (IllegalArgumentException e) {
                throw InvalidRequestException.invalid("fields", e.getMessage());
            }
            if (declared.containsKey(TextFilterFields.ID)) {
                throw InvalidRequestException.invalid("fields", "'id' is the record's id, not a metadata field");
            }
        }
        if (photos.stats(name).isPresent()) {
            throw new CollectionConflictException("'" + name + "' is a photo collection; choose another name");
        }
        boolean existed = texts.describe(name).isPresent();
        texts.createCollection(spec);
        if (!declared.isEmpty()) {
            texts.declareFields(name, declared);
        }
        return !existed;
    }

    public List<TextCollectionSpec> list() {
        return texts.listCollections();
    }

    /** The collection with its fields and count, or empty. */
    public java.util.Optional<TextCollectionInfo> describe(String name) {
        return texts.describe(name);
    }

    /** Whether a text collection of this name exists. */
    public boolean exists(String name) {
        return name != null && texts.describe(name).isPresent();
    }

    /**
     * @throws UnknownCollectionException when no text collection has that name
     */
    public TextCollectionInfo require(String name) {
        if (name == null || name.isBlank()) {
            throw InvalidRequestException.invalid("collection", "name the text collection to search");
        }
        return texts.describe(name).orElseThrow(() -> new UnknownCollectionException(name));
    }

    /** Whether the name is free for a photo collection (no text collection holds it). */
    public void requireNotText(CollectionSpec photoCollection) {
        if (exists(photoCollection.name())) {
            throw new CollectionConflictException(
                    "'" + photoCollection.name() + "' is a text collection; photos cannot go into it");
        }
    }
}
