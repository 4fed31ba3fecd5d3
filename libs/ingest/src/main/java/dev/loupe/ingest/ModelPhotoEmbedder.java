package dev.loupe.ingest;

import dev.loupe.encoders.EmbeddingModel;
import dev.loupe.encoders.Modality;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Embeds photos with an in-process model: its image preprocessing, then its image tower. */
public final class ModelPhotoEmbedder implements PhotoEmbedder {

    private final EmbeddingModel model;

    /** @throws IllegalArgumentException when the model cannot embed images */
    public ModelPhotoEmbedder(EmbeddingModel model) {
        this.model = Objects.requireNonNull(model, "model");
        if (!model.info().supports(Modality.IMAGE)) {
            throw new IllegalArgumentException("model " + model.info().id() + " has no image tower");
        }
    }

    @Override
    public String modelId() {
        return model.info().id();
    }

    @Override
    public int dimensions() {
        return model.info().dimensions();
    }

    @Override
    public float[][] embed(List<PreparedPhoto> photos) throws FetchException {
        try {
            List<float[]> pixels = new ArrayList<>(photos.size());
            for (PreparedPhoto photo : photos) {
                pixels.add(model.imagePreprocessor().preprocess(photo.image()));
            }
            return model.embedImages(pixels);
        } catch (RuntimeException e) {
            throw new FetchException(
                    FailureReason.EMBEDDING,
                    "model " + modelId() + " failed to embed the photo" + (photos.size() == 1 ? "" : "s") + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    e);
        }
    }
}
