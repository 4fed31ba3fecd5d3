/**
 * The quality harness: how well a model bundle classifies and retrieves real photos.
 *
 * <p>Two evaluations, each over a dataset read from a folder:
 *
 * <ul>
 *   <li>{@link dev.loupe.encoders.quality.ZeroShotEvaluation} over a {@link
 *       dev.loupe.encoders.quality.ZeroShotDataset} (Caltech-101 layout: {@code classnames.tsv},
 *       {@code templates.txt}, a split file and {@code images/<folder>/...}). Every class gets one
 *       text embedding, the prompt ensemble of CLIP's paper: each template with {@code {}} replaced
 *       by the class name is embedded, the L2-normalised embeddings are averaged and the mean is
 *       normalised again. An image is assigned the classes in order of cosine similarity; top-k
 *       accuracy is the share of images whose true class is among the first k. Chance is k/C for
 *       C classes.
 *   <li>{@link dev.loupe.encoders.quality.RetrievalEvaluation} over a {@link
 *       dev.loupe.encoders.quality.CaptionDataset} (Flickr8k layout: {@code captions.csv} with
 *       {@code image,caption} rows and {@code images/}). Every caption queries every image the
 *       captions name; recall@k is the share of captions whose own image is among the k most
 *       similar. Chance is k/N for N images.
 * </ul>
 *
 * <p>Ranks are pessimistic about ties: an item's rank counts every other candidate scoring at
 * least as high, so a model that scores everything alike gets no hits rather than all of them.
 * Ranks start at 0 internally; the median rank a report shows starts at 1, as in the literature.
 *
 * <p>Memory stays bounded whatever the dataset size: images are read, decoded and preprocessed in
 * batches (the next batch while the model embeds the current one), and only the embeddings are
 * kept. A photo that cannot be read or decoded is skipped with its reason and left out of the
 * denominators; the report lists it.
 *
 * <p>{@link dev.loupe.encoders.quality.QualityHarness} is the command line ({@code ./loupe
 * quality}). With random weights (the bundled {@code models/clip-tiny-random}) every number is at
 * chance level, and the report says so: the harness is for real weights.
 */
package dev.loupe.encoders.quality;
