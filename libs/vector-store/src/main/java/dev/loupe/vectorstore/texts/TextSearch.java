package dev.loupe.vectorstore.texts;

import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.SearchQuery;
import dev.loupe.vectorstore.WireNames;
import dev.loupe.vectorstore.lexical.QueryTerms;
import dev.loupe.vectorstore.lexical.TextAnalysis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;

/**
 * Searches a text collection by meaning ({@link Mode#DENSE}), by words ({@link Mode#LEXICAL}, BM25) or
 * both fused ({@link Mode#HYBRID}), then pages, cuts at {@code minScore} and marks where the query's
 * terms occur in each hit. The same over every {@link TextStore}, so standalone and distributed rank
 * alike. Thread-safe.
 */
public final class TextSearch {

    /** What a search ranks by. */
    public enum Mode {
        DENSE,
        LEXICAL,
        HYBRID;

        public String wireName() {
            return WireNames.of(this);
        }

        /** @throws IllegalArgumentException naming the modes */
        public static Mode parse(String name) {
            return WireNames.parse(values(), name, "search mode");
        }
    }

    /** How hybrid search combines the two rankings. */
    public enum Fusion {
        /**
         * A convex combination of per-query normalised scores: each list's scores are min-max scaled to
         * [0, 1] over its candidates (a record missing from a list scores 0 there), then
         * {@code w · dense + (1 − w) · lexical}.
         */
        CONVEX,
        /** Weighted reciprocal-rank fusion: {@code w / (k + rank_dense) + (1 − w) / (k + rank_lexical)}. */
        RRF;

        public String wireName() {
            return WireNames.of(this);
        }

        /** @throws IllegalArgumentException naming the methods */
        public static Fusion parse(String name) {
            return WireNames.parse(values(), name, "fusion");
        }
    }

    /** How convex fusion puts each ranking's scores on one scale, per query. */
    public enum Normalisation {
        /** (s − min) / (max − min) over the list's candidates. */
        MIN_MAX,
        /** s / max (scores below zero count as zero). */
        MAX,
        /** (s − mean) / standard deviation over the list's candidates; a missing record scores the list's min. */
        Z_SCORE
    }

    /**
     * How hybrid search fuses.
     *
     * @param fusion the method
     * @param denseWeight w in [0, 1]: the dense ranking's share
     * @param rrfK RRF's rank constant (60 in the literature)
     * @param candidates how many each side contributes at least (more when a page reaches further)
     * @param normalisation how convex fusion scales each ranking's scores
     * @param phraseFirst whether lexical hits whose text holds the query's terms contiguously (a
     *     fragment cut out of it) rank ahead of the other lexical hits
     */
    public record Settings(
            Fusion fusion,
            double denseWeight,
            int rrfK,
            int candidates,
            Normalisation normalisation,
            boolean phraseFirst) {

        /** Settings with per-query min-max normalisation and phrase matches first. */
        public Settings(Fusion fusion, double denseWeight, int rrfK, int candidates) {
            this(fusion, denseWeight, rrfK, candidates, Normalisation.MIN_MAX, true);
        }

        public Settings {
            if (normalisation == null) {
                throw new IllegalArgumentException("a normalisation is needed");
            }
            if (fusion == null) {
                throw new IllegalArgumentException("a fusion method is needed");
            }
            if (!(denseWeight >= 0 && denseWeight <= 1)) {
                throw new IllegalArgumentException("the dense weight must be in [0, 1], got " + denseWeight);
            }
            if (rrfK < 1) {
                throw new IllegalArgumentException("the RRF constant must be positive, got " + rrfK);
            }
            if (candidates < 1 || candidates > TextStore.MAX_CANDIDATES) {
                throw new IllegalArgumentException(
                        "candidates must be between 1 and " + TextStore.MAX_CANDIDATES + ", got " + candidates);
            }
        }
    }

    /**
     * One search.
     *
     * @param text the query as typed; analysed for lexical search and highlights
     * @param vector the query's embedding by the collection's model; null for lexical searches
     * @param limit hits to return, 1..{@value SearchQuery#MAX_LIMIT}
     * @param offset hits to skip, 0..{@value SearchQuery#MAX_OFFSET}
     * @param minScore hits scoring below are dropped (cosine for dense, BM25 for lexical, the fused score
     *     for hybrid); null for none
     * @param excludeIds never returned (the text whose similar texts are asked for)
     */
    public record Request(
            String collection,
            String text,
            float[] vector,
            Mode mode,
            Filter filter,
            int limit,
            int offset,
            Float minScore,
            Set<String> excludeIds) {
        public Request {
            if (mode == null) {
                throw new IllegalArgumentException("a search mode is needed");
            }
            if (mode != Mode.LEXICAL && (vector == null || vector.length == 0)) {
                throw new IllegalArgumentException(mode.wireName() + " search needs the query's vector");
            }
            if (mode != Mode.DENSE && (text == null || text.isBlank())) {
                throw new IllegalArgumentException(mode.wireName() + " search needs the query's text");
            }
            if (limit < 1 || limit > SearchQuery.MAX_LIMIT) {
                throw new IllegalArgumentException(
                        "limit must be between 1 and " + SearchQuery.MAX_LIMIT + ", got " + limit);
            }
            if (offset < 0 || offset > SearchQuery.MAX_OFFSET) {
                throw new IllegalArgumentException(
                        "offset must be between 0 and " + SearchQuery.MAX_OFFSET + ", got " + offset);
            }
            filter = filter == null ? Filter.all() : filter;
            excludeIds = excludeIds == null ? Set.of() : Set.copyOf(excludeIds);
        }
    }

    /**
     * One hit.
     *
     * @param score what it was ranked by (see {@link Request#minScore})
     * @param dense its cosine similarity when the dense side found it, else null
     * @param lexical its BM25 score when the lexical side found it, else null
     * @param highlights where the query's terms occur in its text
     */
    public record Hit(TextEntry entry, float score, Float dense, Float lexical, List<QueryTerms.Span> highlights) {
        public Hit {
            highlights = List.copyOf(highlights);
        }
    }

    private final TextStore store;
    private final Settings settings;
    private final Map<TextAnalysis, Analyzer> analyzers = new EnumMap<>(TextAnalysis.class);

    public TextSearch(TextStore store, Settings settings) {
        this.store = store;
        this.settings = settings;
        for (TextAnalysis analysis : TextAnalysis.values()) {
            analyzers.put(analysis, analysis.analyzer());
        }
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Runs a search over a collection analysed as {@code analysis}.
     *
     * @throws dev.loupe.vectorstore.UnknownCollectionException when the collection does not exist
     */
    public List<Hit> search(Request request, TextAnalysis analysis) {
        return search(request, analysis, settings);
    }

    /** Runs a search with fusion settings other than the defaults (the request's own, or a measurement's). */
    public List<Hit> search(Request request, TextAnalysis analysis, Settings fusion) {
        int wanted = request.offset() + request.limit();
        // a dense ranking alone needs no pool to fuse or reorder: the page is enough
        int k = request.mode() == Mode.DENSE
                ? wanted
                : Math.min(TextStore.MAX_CANDIDATES, Math.max(wanted, fusion.candidates()));
        List<TextHit> dense = request.mode() == Mode.LEXICAL
                ? List.of()
                : store.dense(request.collection(), request.vector(), request.filter(), k, request.excludeIds());
        Analyzer analyzer = analyzers.get(analysis);
        Map<String, Float> bm25 = new HashMap<>(); // the own BM25 of hits ranked up as phrase matches
        List<TextHit> lexical = request.mode() == Mode.DENSE
                ? List.of()
                : phraseFirst(
                        store.lexical(request.collection(), request.text(), request.filter(), k, request.excludeIds()),
                        analyzer,
                        request.text(),
                        fusion,
                        bm25);
        List<Scored> ranked =
                switch (request.mode()) {
                    case DENSE -> single(dense, true);
                    case LEXICAL -> single(lexical, false);
                    case HYBRID -> fuse(dense, lexical, fusion);
                };
        if (!bm25.isEmpty()) {
            ranked.forEach(scored -> {
                Float own = bm25.get(scored.entry.id());
                if (own != null) {
                    scored.lexical = own;
                    if (request.mode() == Mode.LEXICAL) {
                        scored.score = own;
                    }
                }
            });
        }
        Set<String> terms = request.text() == null ? Set.of() : new HashSet<>(QueryTerms.of(analyzer, request.text()));
        List<Hit> hits = new ArrayList<>(request.limit());
        for (int i = request.offset(); i < Math.min(wanted, ranked.size()); i++) {
            Scored s = ranked.get(i);
            if (request.minScore() != null && s.score < request.minScore()) {
                continue; // phrase matches rank first, so a lower score may still follow
            }
            hits.add(new Hit(s.entry, s.score, s.dense, s.lexical, QueryTerms.spans(analyzer, s.entry.text(), terms)));
        }
        return hits;
    }

    /**
     * The lexical hits with those whose text holds the query's terms contiguously (a fragment cut out of
     * it) moved ahead of the rest, BM25 order kept within each group: their ranking scores are raised by
     * the list's best BM25, while hits report their own BM25. Off with {@link Settings#phraseFirst()}.
     */
    private static List<TextHit> phraseFirst(
            List<TextHit> hits, Analyzer analyzer, String query, Settings settings, Map<String, Float> bm25) {
        if (!settings.phraseFirst() || hits.size() < 2) {
            return hits;
        }
        List<String> phrase = QueryTerms.sequence(analyzer, query);
        if (phrase.size() < 2) {
            return hits; // one term: every hit holds it
        }
        float best = hits.getFirst().score();
        List<TextHit> out = new ArrayList<>(hits.size());
        List<TextHit> rest = new ArrayList<>(hits.size());
        for (TextHit hit : hits) {
            if (QueryTerms.containsPhrase(analyzer, hit.entry().text(), phrase)) {
                bm25.put(hit.entry().id(), hit.score());
                out.add(new TextHit(hit.entry(), hit.score() + best));
            } else {
                rest.add(hit);
            }
        }
        out.addAll(rest);
        return out;
    }

    private static final class Scored {
        final TextEntry entry;
        float score;
        Float dense;
        Float lexical;

        Scored(TextEntry entry) {
            this.entry = entry;
        }
    }

    private static List<Scored> single(List<TextHit> hits, boolean dense) {
        List<Scored> out = new ArrayList<>(hits.size());
        for (TextHit h : hits) {
            Scored s = new Scored(h.entry());
            s.score = h.score();
            if (dense) {
                s.dense = h.score();
            } else {
                s.lexical = h.score();
            }
            out.add(s);
        }
        return out;
    }

    static List<Scored> fuse(List<TextHit> dense, List<TextHit> lexical, Settings settings) {
        Map<String, Scored> byId = new LinkedHashMap<>();
        double w = settings.denseWeight();
        float[] denseParts = contributions(dense, settings, w);
        float[] lexicalParts = contributions(lexical, settings, 1 - w);
        for (int i = 0; i < dense.size(); i++) {
            TextHit h = dense.get(i);
            Scored s = byId.computeIfAbsent(h.entry().id(), id -> new Scored(h.entry()));
            s.dense = h.score();
            s.score += denseParts[i];
        }
        for (int i = 0; i < lexical.size(); i++) {
            TextHit h = lexical.get(i);
            Scored s = byId.computeIfAbsent(h.entry().id(), id -> new Scored(h.entry()));
            s.lexical = h.score();
            s.score += lexicalParts[i];
        }
        List<Scored> out = new ArrayList<>(byId.values());
        // ties (a record only one side found, at equal fused scores) go to the better dense, then by id
        out.sort(Comparator.comparingDouble((Scored s) -> -s.score)
                .thenComparingDouble(s -> s.dense == null ? 1 : -s.dense)
                .thenComparing(s -> s.entry.id()));
        return out;
    }

    /** Each hit's weighted share of the fused score, by the settings' method. */
    private static float[] contributions(List<TextHit> hits, Settings settings, double weight) {
        float[] parts = new float[hits.size()];
        if (hits.isEmpty()) {
            return parts;
        }
        if (settings.fusion() == Fusion.RRF) {
            for (int rank = 0; rank < hits.size(); rank++) {
                parts[rank] = (float) (weight / (settings.rrfK() + rank + 1));
            }
            return parts;
        }
        float max = hits.getFirst().score();
        float min = hits.getLast().score();
        switch (settings.normalisation()) {
            case MIN_MAX -> {
                for (int i = 0; i < hits.size(); i++) {
                    double normalised = max > min ? (hits.get(i).score() - min) / (double) (max - min) : 1.0;
                    parts[i] = (float) (weight * normalised);
                }
            }
            case MAX -> {
                for (int i = 0; i < hits.size(); i++) {
                    double normalised = max > 0 ? Math.max(0, hits.get(i).score()) / (double) max : 1.0;
                    parts[i] = (float) (weight * normalised);
                }
            }
            case Z_SCORE -> {
                double mean = 0;
                for (TextHit h : hits) {
                    mean += h.score();
                }
                mean /= hits.size();
                double variance = 0;
                for (TextHit h : hits) {
                    variance += (h.score() - mean) * (h.score() - mean);
                }
                double deviation = Math.sqrt(variance / hits.size());
                // shifted so that the list's lowest candidate, and any record the list lacks, scores 0
                double floor = deviation > 0 ? (min - mean) / deviation : 0;
                for (int i = 0; i < hits.size(); i++) {
                    double z = deviation > 0 ? (hits.get(i).score() - mean) / deviation : 1.0;
                    parts[i] = (float) (weight * (z - floor));
                }
            }
        }
        return parts;
    }
}
