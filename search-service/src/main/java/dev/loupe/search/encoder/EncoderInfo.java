package dev.loupe.search.encoder;

import dev.loupe.encoders.Modality;
import java.util.Set;

/**
 * What embeds the queries.
 *
 * @param modelId the model id (its bundle's directory name)
 * @param dimensions the length of every vector
 * @param modalities what the model embeds
 * @param meaningful false for the bundled random-weight test model, whose vectors carry no meaning
 */
public record EncoderInfo(String modelId, int dimensions, Set<Modality> modalities, boolean meaningful) {

    public EncoderInfo {
        modalities = Set.copyOf(modalities);
    }
}
