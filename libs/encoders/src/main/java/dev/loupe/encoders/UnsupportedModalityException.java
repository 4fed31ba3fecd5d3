package dev.loupe.encoders;

/** A model was asked to embed something it has no tower for (an image for a text-only model). */
public class UnsupportedModalityException extends RuntimeException {

    public UnsupportedModalityException(String modelId, Modality modality) {
        super("model '" + modelId + "' does not embed " + modality.name().toLowerCase(java.util.Locale.ROOT));
    }
}
