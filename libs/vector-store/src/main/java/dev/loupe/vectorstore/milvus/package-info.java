/**
 * The Milvus adapters of the vector store: photos ({@link dev.loupe.vectorstore.milvus.MilvusVectorStore})
 * and texts ({@link dev.loupe.vectorstore.milvus.MilvusTextStore}), over the shared client calls of
 * {@code MilvusOperations}.
 *
 * <p>Design:
 *
 * <ul>
 *   <li>One Milvus collection per Loupe collection, with a fixed explicit schema ({@code MilvusSchema}):
 *       VarChar primary key {@code id}, FloatVector {@code vector}, nullable VarChar/Int64 scalars,
 *       {@code tags} as Array&lt;VarChar&gt; (never null, possibly empty), {@code extra} as JSON (never
 *       null). Instants are Int64 epoch milliseconds. The {@link dev.loupe.vectorstore.CollectionSpec}
 *       is kept in collection properties ({@code loupe.*}) so it round-trips exactly.
 *   <li>Text collections ({@code MilvusTextSchema}): the text in an analysed VarChar feeding Milvus'
 *       BM25 function (full-text search, Milvus 2.5+; milvus-lite 3.2 implements it too), its sparse
 *       output indexed with SPARSE_INVERTED_INDEX, metadata in one JSON column filtered by key, and the
 *       model, analysis and metadata field types in collection properties ({@code loupe.kind=texts},
 *       which photo stores skip). English uses Milvus' standard tokenizer, Chinese its jieba one.
 *   <li>Reads are at Session consistency: read-your-writes after {@code upsert} returns, without
 *       Strong's wait for the next time tick.
 *   <li>Filters ({@code MilvusFilterTranslator}) never splice user text: values are expression-template
 *       parameters on Milvus 2.5+, or literals from one audited escaping function on milvus-lite, which
 *       does not implement templates. Each comparison carries a presence guard so absent fields never
 *       match, and {@code not} stays a two-valued complement.
 *   <li>Scores: COSINE is the cosine; IP is the cosine for unit vectors (the query is normalised).
 * </ul>
 */
package dev.loupe.vectorstore.milvus;
