/**
 * Search: one endpoint, one request shape, any mix of query parts.
 *
 * <h2>Combining the parts</h2>
 *
 * Every part is embedded by the query model (texts by its text tower, images by its image tower; a
 * {@code photoId} contributes the vector stored for that photo) and normalised to unit length. The
 * query vector is the weighted sum of the positive parts minus the weighted negative text,
 * normalised again:
 *
 * <pre>
 * q = normalise( w_text · t + w_image · i + w_photo · p − w_negativeText · n )
 * </pre>
 *
 * <ul>
 *   <li>{@code t}: the {@code text}; {@code i}: the example image, uploaded as the multipart part
 *       {@code image} or named by {@code imageUrl} (one of them); {@code p}: the stored vector of
 *       {@code photoId}; {@code n}: the {@code negativeText}.
 *   <li>Absent parts and parts whose weight is 0 drop out. At least one positive part must remain
 *       (400 otherwise).
 *   <li>Default weights ({@link dev.loupe.search.query.SearchWeights#DEFAULT}): text 1, image 1, photo 1,
 *       negativeText 0.5; each may be set from 0 to 100 in {@code weights}.
 *   <li>Because CLIP puts texts and images in one space, {@code t + i} finds photos like the image
 *       that also match the words ("this photo, but at night"), and subtracting {@code n} moves the
 *       query away from what the negative text describes ("beach, not people").
 *   <li>When the sum is (nearly) zero the parts cancelled out and there is no direction to search:
 *       422 ({@link dev.loupe.search.query.DegenerateQueryException}).
 * </ul>
 *
 * Scores are the cosine similarity of {@code q} and each photo's vector, in [-1, 1]. The query runs as
 * one filtered k-NN search of the vector store ({@code limit} ≤ 1000, {@code offset} ≤ 10,000).
 *
 * <h2>Example images by URL</h2>
 *
 * {@link dev.loupe.search.query.ImageUrlFetcher} fetches {@code imageUrl}s. Only a guarded fetcher
 * (private addresses refused, time and bytes bounded) may implement it; the default refuses every
 * URL with 422.
 */
package dev.loupe.search.query;
