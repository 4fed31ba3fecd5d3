package dev.loupe.encoders.quality;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a zero-shot evaluation. Accuracies are shares in [0, 1] of the images evaluated.
 *
 * @param dataset the dataset's name
 * @param split the split file evaluated
 * @param classes the number of classes every image was classified into
 * @param templates prompt templates per class
 * @param images images evaluated (skipped ones excluded)
 * @param skipped images left out, with reasons
 * @param top1 share of images whose most similar class is the true one
 * @param top5 share of images whose true class is among the five most similar
 * @param perClass top-1 accuracy per class, in the order of the class list
 * @param elapsed wall time, prompts and images together
 */
public record ZeroShotReport(
        String dataset,
        String split,
        int classes,
        int templates,
        int images,
        List<SkippedImage> skipped,
        double top1,
        double top5,
        List<ClassAccuracy> perClass,
        Duration elapsed) {

    public ZeroShotReport {
        skipped = List.copyOf(skipped);
        perClass = List.copyOf(perClass);
    }

    /** What top-1 accuracy a model that ignores the image gets: 1 / classes. */
    public double chanceTop1() {
        return Ranking.chance(1, classes);
    }

    /** What top-5 accuracy a model that ignores the image gets: min(5, classes) / classes. */
    public double chanceTop5() {
        return Ranking.chance(5, classes);
    }
}
