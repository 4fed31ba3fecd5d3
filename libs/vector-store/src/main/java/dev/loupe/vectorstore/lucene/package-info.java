/**
 * The standalone vector store on Apache Lucene: one index per collection, searched with HNSW.
 *
 * <h2>Layout</h2>
 *
 * {@code <root>/<collection>/} holds the Lucene index, {@code <root>/<collection>.json} the {@link
 * dev.loupe.vectorstore.CollectionSpec}. The spec file is written last on create and deleted first on
 * drop, so an index directory without a spec is an unfinished drop and is wiped by the next create.
 *
 * <h2>HNSW settings</h2>
 *
 * The codec maps the vector field to {@code Lucene99HnswVectorsFormat(m, efConstruction)}: {@code
 * m} is the number of neighbours kept per node on each graph layer (Lucene's {@code maxConn}; more
 * means better recall, more memory and slower indexing; Lucene caps it at 512) and {@code
 * efConstruction} the candidate list while inserting (Lucene's {@code beamWidth}; higher builds a
 * better graph, slower; capped at 3200). With {@link dev.loupe.vectorstore.IndexSettings#quantized()}
 * the format is {@code Lucene99HnswScalarQuantizedVectorsFormat}: the graph is searched on 7-bit
 * quantised copies (about 4x less memory to keep hot) while the raw floats stay on disk. Quantised
 * scores are off by up to a few hundredths (a record scores about 0.97 against itself), so the k
 * candidates the graph returns are ranked again on the raw floats ({@code RescoreTopNQuery}): scores
 * stay exact cosines and {@code minScore} cuts where it would without quantisation; only recall is
 * approximate, as with any HNSW search, and efSearch is the oversampling that buys it back. {@code
 * efSearch} becomes the query's k: the search asks Lucene for {@code max(limit + offset, efSearch)}
 * neighbours, then skips {@code offset} and keeps {@code limit}, so a page never sees a smaller
 * candidate list than the first page did. Filters and excluded ids go into the {@code
 * KnnFloatVectorQuery} as its filter: Lucene then explores the graph only through accepted documents
 * and falls back to an exact scan when the filter accepts fewer documents than it would visit, so a
 * selective filter still yields {@code limit} hits.
 *
 * <h2>Scores</h2>
 *
 * A COSINE collection normalises vectors (stored and query) to unit length and indexes them with
 * {@code VectorSimilarityFunction.DOT_PRODUCT}, whose score is {@code (1 + cos) / 2} in [0, 1]; the
 * store reports {@code 2 * score - 1}, the cosine in [-1, 1]. A DOT_PRODUCT collection keeps vectors as
 * given under {@code MAXIMUM_INNER_PRODUCT}, whose score {@code dot + 1} (or {@code 1 / (1 - dot)} below
 * zero) is mapped back to the inner product.
 *
 * <h2>Filters, visibility, durability</h2>
 *
 * {@code LuceneFilterTranslator} builds {@code Query} objects only (terms, term sets, long points,
 * booleans) and never parses text, so query syntax in a value is inert. Each field a record holds is
 * also indexed by name under {@code _present}; NE and NOT_IN require it, which makes every comparison
 * false on an absent field. Every upsert and delete commits and refreshes the searcher before it
 * returns: visible at once, kept across a restart.
 */
package dev.loupe.vectorstore.lucene;
