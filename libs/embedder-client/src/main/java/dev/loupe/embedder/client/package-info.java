/**
 * The client of embedder-service, shared by every service that embeds remotely: indexer-service
 * (photos, {@link dev.loupe.embedder.client.RemotePhotoEmbedder}) and search-service in the
 * distributed mode (queries).
 *
 * <p>{@link dev.loupe.embedder.client.EmbedderClient} speaks the domain (models, texts, images) over a
 * package-private Quarkus REST Client interface, with every call behind one SmallRye Fault Tolerance
 * {@code Guard}: a timeout per attempt, retries with exponential backoff and jitter for the failures
 * worth another attempt (no answer, a refused connection, 5xx, 429), and a circuit breaker that fails
 * calls at once while the service keeps failing, then lets one trial through. Embedding is idempotent,
 * so every call may be retried. A 4xx is the caller's fault and is never retried: it becomes an
 * {@link dev.loupe.embedder.client.EmbedderRefusedException} naming the refused item where the service
 * does. Everything else is an {@link dev.loupe.embedder.client.EmbedderUnavailableException}.
 */
package dev.loupe.embedder.client;
