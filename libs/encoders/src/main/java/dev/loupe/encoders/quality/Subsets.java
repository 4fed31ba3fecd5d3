package dev.loupe.encoders.quality;

import java.util.ArrayList;
import java.util.List;

/** Picks deterministic subsets for quick runs ({@code --limit}). */
final class Subsets {

    private Subsets() {}

    /**
     * At most {@code count} items spread evenly over {@code items}: item {@code floor(i * size /
     * count)} for each {@code i < count}, so a list sorted by class keeps every part of it.
     *
     * @throws IllegalArgumentException when {@code count} is not positive
     */
    static <T> List<T> spread(List<T> items, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + count);
        }
        if (count >= items.size()) {
            return items;
        }
        List<T> picked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            picked.add(items.get((int) ((long) i * items.size() / count)));
        }
        return picked;
    }
}
