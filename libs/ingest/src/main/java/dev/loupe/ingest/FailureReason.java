package dev.loupe.ingest;

/** Why a photo or a text record was not ingested; lets callers count, choose a status and decide whether to retry. */
public enum FailureReason {
    /** The host resolves to a loopback, private, link-local, metadata or otherwise internal address. */
    REFUSED_ADDRESS,
    /** Not an absolute http, https or file URL, or a redirect to another scheme. */
    REFUSED_SCHEME,
    /** A file URL outside the configured roots, or no readable regular file there. */
    REFUSED_PATH,
    /** More bytes than the fetch limit. */
    TOO_LARGE,
    /** Connecting or receiving the whole response took longer than allowed. */
    TIMEOUT,
    /** The server answered with a status other than 2xx (after redirects). */
    HTTP_STATUS,
    /** More redirects than allowed, or a redirect loop. */
    TOO_MANY_REDIRECTS,
    /** The connection failed: unknown host, refused, reset, TLS failure, a body cut short. */
    NETWORK,
    /**
     * The bytes are not a supported image (empty, truncated, too many pixels, HTML, text), or an import
     * entry could not be read as a photo.
     */
    UNDECODABLE,
    /** The embedding model failed on the photo. */
    EMBEDDING,
    /** The vector store or the thumbnail store refused to store the photo. */
    STORE,
    /** The collection does not exist, or is of another kind (a text record for a photo collection). */
    COLLECTION,
    /** A text record's metadata does not fit the types its collection's fields hold. */
    METADATA
}
