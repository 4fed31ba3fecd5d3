package dev.loupe.search.classifier;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How a training round changed the classifier's top photos: the {@code k} best-scoring photos of the
 * collection (or filter) under the classifier before and after the round, compared as sets.
 *
 * @param entered photos in the new top k that were not in the old one
 * @param left photos of the old top k no longer in the new one (equal to {@code entered} unless the
 *     collection holds fewer than {@code k} photos)
 */
@Schema(name = "TopChanged", description = "How many of the classifier's top k photos changed in a round")
public record TopChanged(
        @Schema(description = "Top photos compared", examples = "50")
        int k,

        @Schema(description = "Photos that entered the top k")
        int entered,

        @Schema(description = "Photos that left the top k") int left) {}
