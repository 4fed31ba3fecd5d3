package dev.loupe.quality.texts;

import dev.loupe.vectorstore.texts.TextSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One way to rank: dense, lexical, or hybrid with a fusion, a normalisation and a dense weight, with
 * or without phrase matches first on the lexical side.
 *
 * @param fusion null for the single modes
 */
record Method(
        TextSearch.Mode mode,
        TextSearch.Fusion fusion,
        double denseWeight,
        TextSearch.Normalisation normalisation,
        boolean phraseFirst) {

    /** Candidates each side of a hybrid search contributes, as the service's default. */
    static final int CANDIDATES = 100;

    static final int RRF_K = 60;

    /**
     * Dense; lexical with and without phrase matches first; convex fusion at w = 0.1 … 0.9 with each
     * normalisation (phrase matches first) and with min-max without them; weighted RRF at w = 0.3, 0.5,
     * 0.7.
     */
    static List<Method> all() {
        TextSearch.Normalisation minMax = TextSearch.Normalisation.MIN_MAX;
        List<Method> methods = new ArrayList<>();
        methods.add(new Method(TextSearch.Mode.DENSE, null, 1, minMax, true));
        methods.add(new Method(TextSearch.Mode.LEXICAL, null, 0, minMax, true));
        methods.add(new Method(TextSearch.Mode.LEXICAL, null, 0, minMax, false));
        for (TextSearch.Normalisation normalisation : TextSearch.Normalisation.values()) {
            for (int w = 1; w <= 9; w++) {
                methods.add(
                        new Method(TextSearch.Mode.HYBRID, TextSearch.Fusion.CONVEX, w / 10.0, normalisation, true));
            }
        }
        for (int w = 1; w <= 9; w++) {
            methods.add(new Method(TextSearch.Mode.HYBRID, TextSearch.Fusion.CONVEX, w / 10.0, minMax, false));
        }
        for (double w : new double[] {0.3, 0.5, 0.7}) {
            methods.add(new Method(TextSearch.Mode.HYBRID, TextSearch.Fusion.RRF, w, minMax, true));
            methods.add(new Method(TextSearch.Mode.HYBRID, TextSearch.Fusion.RRF, w, minMax, false));
        }
        return methods;
    }

    TextSearch.Settings settings() {
        return new TextSearch.Settings(
                fusion == null ? TextSearch.Fusion.CONVEX : fusion,
                denseWeight,
                RRF_K,
                CANDIDATES,
                normalisation,
                phraseFirst);
    }

    String label() {
        String phrase = phraseFirst ? "" : ", no phrase-first";
        if (fusion == null) {
            return mode.wireName() + (mode == TextSearch.Mode.LEXICAL ? phrase : "");
        }
        return "hybrid " + fusion.wireName()
                + (fusion == TextSearch.Fusion.CONVEX
                        ? " " + normalisation.name().toLowerCase(Locale.ROOT).replace('_', '-')
                        : "")
                + " w=" + String.format(Locale.ROOT, "%.1f", denseWeight) + phrase;
    }
}
