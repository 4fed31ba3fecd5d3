/**
 * Ingestion: from an import source to searchable records.
 *
 * <h2>Flow</h2>
 *
 * An {@link dev.loupe.ingest.ImportSource} (folder, Unsplash TSV, URL list; or one event's {@link
 * dev.loupe.ingest.PhotoIngested#photoSource()}) yields {@link dev.loupe.ingest.PhotoSource}s and
 * {@link dev.loupe.ingest.RejectedItem}s. {@link dev.loupe.ingest.IngestPipeline} fetches each photo
 * ({@link dev.loupe.ingest.PhotoFetcher}), skips it when the stored record has the same SHA-256 and
 * model, decodes it and makes its thumbnail ({@link dev.loupe.ingest.PhotoPreparer}), embeds a batch
 * ({@link dev.loupe.ingest.PhotoEmbedder}), stores thumbnails and upserts records. Every failure is a
 * {@link dev.loupe.ingest.FetchException} with a {@link dev.loupe.ingest.FailureReason}, reported for
 * that photo alone; a batch step that fails is retried item by item.
 *
 * <h2>Fetching safely</h2>
 *
 * <ul>
 *   <li>Resolve once, check every address, connect to a checked address: the HTTP client here is a
 *       small HTTP/1.1 GET over a socket opened to an {@link java.net.InetAddress}, so no second DNS
 *       answer (rebinding) is ever used. TLS still verifies the certificate against the URL's host
 *       and sends it as SNI.
 *   <li>Redirects are followed by hand: each hop's scheme (http/https only), host and addresses are
 *       checked like the first, loops and hops beyond the limit are refused.
 *   <li>One deadline per fetch covers every hop, the handshake and the body: sockets time out at the
 *       time left, and a watchdog closes the connection when it runs out, so a server dripping bytes
 *       cannot stretch a fetch.
 *   <li>Bytes are bounded by {@code Content-Length} up front and while streaming (chunked or not);
 *       pixels by the decoder's limits, read from the header before any pixel is decoded.
 *   <li>{@code file:} URLs are read only when their real path (links and {@code ..} resolved) lies
 *       under a configured root.
 * </ul>
 */
package dev.loupe.ingest;
