/**
 * Zero-shot classification with CLIP prompt ensembles, as in OpenAI's notebook
 * "Prompt_Engineering_for_ImageNet".
 *
 * <h2>The classifier</h2>
 *
 * For labels {@code l_1..l_K} and templates {@code T_1..T_M} (default: the notebook's 80 ImageNet
 * templates, {@link dev.loupe.search.classify.PromptTemplates#IMAGENET}):
 *
 * <pre>
 * e_k = normalise( (1/M) Σ_m normalise( text(T_m(l_k)) ) )        the label's ensemble embedding
 * P(l_k | x) = exp(s · cos(x, e_k)) / Σ_j exp(s · cos(x, e_j))     softmax over the labels
 * </pre>
 *
 * where {@code x} is the photo's unit vector (stored, or the uploaded image embedded) and {@code s} the
 * logit scale, 100 by default: CLIP's learned temperature ({@code logit_scale.exp()}), configurable
 * as {@code loupe.classify.logit-scale}. The softmax subtracts the largest logit first so that
 * {@code exp} never overflows. The histogram counts, per label, the photos whose most probable label
 * it is; its counts sum to the photos classified.
 *
 * <h2>Bounds and cost</h2>
 *
 * A request holds 2 to {@code loupe.classify.max-labels} (1,000) distinct labels and at most {@code
 * loupe.classify.max-templates} (100) templates: embedding the labels costs labels × templates text
 * inferences (80,000 for ImageNet with the default templates), done once per model and template set
 * and then kept in an LRU cache of {@code loupe.classify.label-cache-size} labels. Scoring costs
 * labels × dimension multiply-adds per photo, over at most {@code loupe.classify.max-photos} (10,000)
 * photos: named by {@code photoIds}, or matched by {@code filter} (counted first; a larger selection
 * is refused with 400). The answer lists at most {@code limit} photos (for {@code photoIds} in their
 * order, otherwise the most confident first); the histogram counts them all.
 */
package dev.loupe.search.classify;
