/**
 * Collections and their near-duplicates.
 *
 * <h2>Near-duplicate groups</h2>
 *
 * Two photos are linked when the cosine similarity of their vectors is at least the threshold
 * (default 0.95: re-encodes, resizes and light crops of one photo); a group is a connected component
 * of these links, kept with a union-find ({@code Components}: path halving, union by size, so
 * near-linear in the links). Because components are transitive, two members of a group may be less
 * alike than the threshold when a third photo joins them; each group reports its weakest and strongest
 * link.
 *
 * <p>Finding the links ({@link dev.loupe.search.collection.DuplicateFinder}), for a collection of
 * {@code n} photos of {@code d} dimensions:
 *
 * <ul>
 *   <li>{@code n ≤ loupe.duplicates.exact-below} (2,000): every pair, exactly: one walk of the
 *       collection, {@code n·d} floats in memory (4 MB at 2,000 × 512) and {@code n²/2} dot products
 *       (2·10⁶ at 2,000, about a second).
 *   <li>larger: one filtered k-NN query per photo for its {@code loupe.duplicates.neighbours} (16)
 *       nearest at or above the threshold, while walking the collection page by page: {@code n} HNSW
 *       searches (each about {@code ef·M·log n} distance computations), no vectors held beyond a page,
 *       and only the linked photos' metadata kept. A group larger than the neighbour count still
 *       connects through its members' links; pairs the approximate index misses are missed.
 *   <li>{@code n > loupe.duplicates.max-records} (50,000): refused with 422 rather than tie up a
 *       request for minutes.
 * </ul>
 */
package dev.loupe.search.collection;
