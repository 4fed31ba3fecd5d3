package dev.loupe.encoders.quality;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a text→image retrieval evaluation. Recalls are shares in [0, 1] of the captions
 * that queried.
 *
 * @param dataset the dataset's name
 * @param images images in the gallery (skipped ones excluded)
 * @param captions captions that queried (those of skipped images excluded)
 * @param skipped images left out, with reasons
 * @param recallAt1 share of captions whose image is the most similar
 * @param recallAt5 share of captions whose image is among the five most similar
 * @param recallAt10 share of captions whose image is among the ten most similar
 * @param medianRank the median position of a caption's image, from 1
 * @param elapsed wall time, captions and images together
 */
public record RetrievalReport(
        String dataset,
        int images,
        int captions,
        List<SkippedImage> skipped,
        double recallAt1,
        double recallAt5,
        double recallAt10,
        double medianRank,
        Duration elapsed) {

    public RetrievalReport {
        skipped = List.copyOf(skipped);
    }

    /** What recall@k a model that ignores the caption gets: min(k, images) / images. */
    public double chance(int k) {
        return Ranking.chance(k, images);
    }

    /** What median rank a model that ignores the caption gets: (images + 1) / 2. */
    public double chanceMedianRank() {
        return (images + 1) / 2.0;
    }
}
