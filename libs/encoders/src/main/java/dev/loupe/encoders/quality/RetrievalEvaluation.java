package dev.loupe.encoders.quality;

import dev.loupe.encoders.EmbeddingModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Text→image retrieval recall of a CLIP model on captioned photos: every caption queries every
 * image, and a hit is its own image among the first k (see the package documentation).
 */
public final class RetrievalEvaluation {

    private final DatasetEmbedder embedder;

    /** @throws dev.loupe.encoders.UnsupportedModalityException unless the model embeds texts and images */
    public RetrievalEvaluation(EmbeddingModel model, EvaluationOptions options) {
        this.embedder = new DatasetEmbedder(model, options);
    }

    /**
     * Embeds the gallery and the captions and ranks the gallery for every caption. Images that cannot
     * be decoded leave the gallery, and their captions leave the queries.
     *
     * @throws DatasetException when no image could be decoded
     */
    public RetrievalReport evaluate(CaptionDataset dataset, Progress progress) {
        long start = System.nanoTime();
        List<SkippedImage> skipped = new ArrayList<>();
        float[][] all = embedder.embedImages(dataset.imagesDir(), dataset.images(), "images", progress, skipped);

        // the gallery keeps only decoded images; galleryIndex maps a dataset image to its place there
        int[] galleryIndex = new int[all.length];
        List<float[]> kept = new ArrayList<>(all.length);
        for (int i = 0; i < all.length; i++) {
            galleryIndex[i] = all[i] == null ? -1 : kept.size();
            if (all[i] != null) {
                kept.add(all[i]);
            }
        }
        if (kept.isEmpty()) {
            throw new DatasetException("none of the " + all.length + " images of " + dataset.name()
                    + " could be decoded; the first failed because "
                    + skipped.getFirst().reason());
        }
        float[][] gallery = kept.toArray(float[][]::new);

        List<CaptionDataset.Caption> queries = dataset.captions().stream()
                .filter(caption -> galleryIndex[caption.image()] >= 0)
                .toList();
        float[][] captionEmbeddings = embedder.embedTexts(
                queries.stream().map(CaptionDataset.Caption::text).toList(), "captions", progress);

        RankTally tally = new RankTally();
        for (int q = 0; q < queries.size(); q++) {
            int target = galleryIndex[queries.get(q).image()];
            tally.add(Ranking.rank(Ranking.scores(captionEmbeddings[q], gallery), target));
        }
        return new RetrievalReport(
                dataset.name(),
                gallery.length,
                tally.count(),
                skipped,
                tally.hitRate(1),
                tally.hitRate(5),
                tally.hitRate(10),
                tally.medianRank(),
                Duration.ofNanos(System.nanoTime() - start));
    }
}
