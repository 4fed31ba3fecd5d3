package dev.loupe.encoders.quality;

import dev.loupe.encoders.EmbeddingModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Zero-shot classification accuracy of a CLIP model on a labelled photo folder: each class is the
 * prompt ensemble of its templates, each image goes to its most similar classes (see the package
 * documentation for the exact definitions).
 */
public final class ZeroShotEvaluation {

    private final DatasetEmbedder embedder;

    /** @throws dev.loupe.encoders.UnsupportedModalityException unless the model embeds texts and images */
    public ZeroShotEvaluation(EmbeddingModel model, EvaluationOptions options) {
        this.embedder = new DatasetEmbedder(model, options);
    }

    /**
     * Embeds the prompts and the split's images and scores every image.
     *
     * @throws DatasetException when no image of the split could be decoded
     */
    public ZeroShotReport evaluate(ZeroShotDataset dataset, Progress progress) {
        long start = System.nanoTime();
        float[][] classEmbeddings = classEmbeddings(dataset, progress);

        List<String> files = dataset.files();
        List<SkippedImage> skipped = new ArrayList<>();
        float[][] imageEmbeddings = embedder.embedImages(dataset.imagesDir(), files, "images", progress, skipped);

        int classCount = dataset.classes().size();
        int[] images = new int[classCount];
        int[] correct = new int[classCount];
        RankTally tally = new RankTally();
        for (int i = 0; i < imageEmbeddings.length; i++) {
            if (imageEmbeddings[i] == null) {
                continue;
            }
            int label = dataset.images().get(i).label();
            int rank = Ranking.rank(Ranking.scores(imageEmbeddings[i], classEmbeddings), label);
            tally.add(rank);
            images[label]++;
            if (rank == 0) {
                correct[label]++;
            }
        }
        if (tally.count() == 0) {
            throw new DatasetException("none of the " + files.size() + " images of " + dataset.name()
                    + " could be decoded; the first failed because "
                    + skipped.getFirst().reason());
        }
        List<ClassAccuracy> perClass = new ArrayList<>(classCount);
        for (int c = 0; c < classCount; c++) {
            ZeroShotDataset.ClassLabel label = dataset.classes().get(c);
            perClass.add(new ClassAccuracy(label.folder(), label.name(), images[c], correct[c]));
        }
        return new ZeroShotReport(
                dataset.name(),
                dataset.split(),
                classCount,
                dataset.templates().size(),
                tally.count(),
                skipped,
                tally.hitRate(1),
                tally.hitRate(5),
                perClass,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** One prompt-ensemble embedding per class, from every class's prompts embedded in batches. */
    private float[][] classEmbeddings(ZeroShotDataset dataset, Progress progress) {
        int templates = dataset.templates().size();
        List<String> prompts = new ArrayList<>(dataset.classes().size() * templates);
        for (int c = 0; c < dataset.classes().size(); c++) {
            prompts.addAll(dataset.prompts(c));
        }
        float[][] promptEmbeddings = embedder.embedTexts(prompts, "prompts", progress);
        float[][] classes = new float[dataset.classes().size()][];
        for (int c = 0; c < classes.length; c++) {
            float[][] ofClass = new float[templates][];
            System.arraycopy(promptEmbeddings, c * templates, ofClass, 0, templates);
            classes[c] = Ranking.ensemble(ofClass);
        }
        return classes;
    }
}
