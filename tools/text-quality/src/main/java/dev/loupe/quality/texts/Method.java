package dev.loupe.quality.texts;

import dev.loupe.vectorstore.texts.TextSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One way to rank: dense, lexical, or hybrid with a fusion and a dense weight.
 *
 * @param fusion null for the single modes
 */
record Method(TextSearch.Mode mode, TextSearch.Fusion fusion, double denseWeight) {

    /** Candidates each side of a hybrid search contributes, as the service's default. */
    static final int CANDIDATES = 100;

    static final int RRF_K = 60;

    /** Dense, lexical, convex fusion at w = 0.1 … 0.9 and weighted RRF at w = 0.3, 0.5, 0.7. */
    static List<Method> all() {
        List<Method> methods = new ArrayList<>();
        methods.add(new Method(TextSearch.Mode.DENSE, null, 1));
        methods.add(new Method(TextSearch.Mode.LEXICAL, null, 0));
        for (int w = 1; w <= 9; w++) {
            methods.add(new Method(TextSearch.Mode.HYBRID, TextSearch.Fusion.CONVEX, w / 10.0));
        }
        for (double w : new double[] {0.3, 0.5, 0.7}) {
            methods.add(new Method(TextSearch.Mode.HYBRID, TextSearch.Fusion.RRF, w));
        }
        return methods;
    }

    TextSearch.Settings settings() {
        return new TextSearch.Settings(
                fusion == null ? TextSearch.Fusion.CONVEX : fusion, denseWeight, RRF_K, CANDIDATES);
    }

    String label() {
        return fusion == null
                ? mode.wireName()
                : "hybrid " + fusion.wireName() + " w=" + String.format(Locale.ROOT, "%.1f", denseWeight);
    }
}
