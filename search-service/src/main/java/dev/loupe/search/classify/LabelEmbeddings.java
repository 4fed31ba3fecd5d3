package dev.loupe.search.classify;

import dev.loupe.search.config.SearchConfig;
import dev.loupe.search.encoder.QueryEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prompt-ensemble embeddings of labels, cached per (model, templates, label) in a bounded LRU map so
 * that a label set used again costs no text inference. Thread-safe.
 */
@ApplicationScoped
public class LabelEmbeddings {

    private record Key(String model, List<String> templates, String label) {}

    private final QueryEncoder encoder;
    private final Map<Key, float[]> cache;

    LabelEmbeddings(QueryEncoder encoder, SearchConfig config) {
        this.encoder = encoder;
        int capacity = config.classify().labelCacheSize();
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * One unit vector per label: the normalised mean of the normalised embeddings of every template
     * filled with the label.
     *
     * @param labels distinct labels
     * @param templates templates holding {@code {}}
     */
    public float[][] embed(List<String> labels, List<String> templates) {
        String model = encoder.info().modelId();
        List<String> sharedTemplates = List.copyOf(templates);
        float[][] out = new float[labels.size()][];
        List<Integer> missing = new ArrayList<>();
        synchronized (cache) {
            for (int i = 0; i < labels.size(); i++) {
                out[i] = cache.get(new Key(model, sharedTemplates, labels.get(i)));
                if (out[i] == null) {
                    missing.add(i);
                }
            }
        }
        if (missing.isEmpty()) {
            return out;
        }
        List<String> prompts = new ArrayList<>(missing.size() * sharedTemplates.size());
        for (int i : missing) {
            for (String template : sharedTemplates) {
                prompts.add(PromptTemplates.fill(template, labels.get(i)));
            }
        }
        List<float[]> embedded = encoder.embedTexts(prompts);
        int n = sharedTemplates.size();
        for (int m = 0; m < missing.size(); m++) {
            out[missing.get(m)] = ZeroShotClassifier.ensemble(embedded.subList(m * n, (m + 1) * n));
        }
        synchronized (cache) {
            for (int i : missing) {
                cache.put(new Key(model, sharedTemplates, labels.get(i)), out[i]);
            }
        }
        return out;
    }
}
