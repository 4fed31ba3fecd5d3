/**
 * The Milvus adapter of the vector store ({@link dev.loupe.vectorstore.milvus.MilvusVectorStore}).
 *
 * <p>Design:
 *
 * <ul>
 *   <li>One Milvus collection per Loupe collection, with a fixed explicit schema ({@code MilvusSchema}):
 *       VarChar primary key {@code id}, FloatVector {@code vector}, nullable VarChar/Int64 scalars,
 *       {@code tags} as Array&lt;VarChar&gt; (never null, possibly empty), {@code extra} as JSON (never
 *       null). Instants are Int64 epoch milliseconds. The {@link dev.loupe.vectorstore.CollectionSpec}
 *       is kept in collection properties ({@code loupe.*}) so it round-trips exactly.
 *   <li>Reads are {@code Strong}: the port promises read-your-writes after {@code upsert} returns.
 *   <li>Filters ({@code MilvusFilterTranslator}) never splice user text: values are expression-template
 *       parameters on Milvus 2.5+, or literals from one audited escaping function on milvus-lite, which
 *       does not implement templates. Each comparison carries a presence guard so absent fields never
 *       match, and {@code not} stays a two-valued complement.
 *   <li>Scores: COSINE is the cosine; IP is the cosine for unit vectors (the query is normalised).
 * </ul>
 */
package dev.loupe.vectorstore.milvus;
