package dev.loupe.ingest;

import java.util.List;

/**
 * Embeds texts with a text model by its id: in process (standalone) or through embedder-service. The
 * seam between text collections and where their models run. Thread-safe.
 */
public interface TextEmbedder {

    /**
     * Embeds texts as documents, the records of a collection.
     *
     * @return one L2-normalised vector per text, in order
     * @throws TextRefusedException when the model refuses one text (its index is given)
     * @throws UnknownTextModelException when no text model has that id
     * @throws RuntimeException when the model or the service fails (worth another try later)
     */
    List<float[]> embedDocuments(String model, List<String> texts);

    /**
     * Embeds search queries: as documents, behind the model's query instruction where it has one
     * (BGE's), so that they land where the documents they should find do.
     *
     * @throws UnknownTextModelException when no text model has that id
     */
    List<float[]> embedQueries(String model, List<String> texts);

    /**
     * The length of the model's vectors.
     *
     * @throws UnknownTextModelException when no text model has that id
     */
    int dimensions(String model);

    /** The ids of the text models this embedder can use, by name. */
    List<String> models();

    /** The model refused one of the texts: it fails alone. */
    final class TextRefusedException extends RuntimeException {
        private final int index;

        public TextRefusedException(int index, String message) {
            super(message);
            this.index = index;
        }

        /** The refused text's position in the request. */
        public int index() {
            return index;
        }
    }

    /** No text model has the id asked for. */
    final class UnknownTextModelException extends RuntimeException {
        public UnknownTextModelException(String model, List<String> known) {
            super("no text model '" + model + "'; the text models here are " + known
                    + " (deploy/models/fetch-model.sh <id> installs one)");
        }
    }
}
