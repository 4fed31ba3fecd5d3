package dev.loupe.indexer.kafka;

import dev.loupe.jobs.ImportProgress;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The Kafka headers this service reads and writes on {@code photo-ingested}, its retry topic and its
 * dead-letter topic. Values are UTF-8 text; numbers are decimal.
 */
public final class DeliveryHeaders {

    /** The import job an event belongs to; copied onto retries and dead letters. */
    public static final String IMPORT_ID = ImportProgress.IMPORT_ID_HEADER;

    /** On a retry: how many times the event was processed already (1 after the first failure). */
    public static final String ATTEMPT = "loupe-attempt";

    /** On a retry: not to be processed before this instant, in milliseconds since the epoch. */
    public static final String NOT_BEFORE = "loupe-not-before";

    /** On a retry: the {@link dev.loupe.ingest.FailureReason} of the last attempt. */
    public static final String RETRY_REASON = "loupe-retry-reason";

    /** On a retry: what went wrong in the last attempt, for people. */
    public static final String RETRY_MESSAGE = "loupe-retry-message";

    /** On retries and dead letters: the topic the event was first delivered on. */
    public static final String ORIGINAL_TOPIC = "loupe-original-topic";

    /** On retries and dead letters: the partition of the first delivery. */
    public static final String ORIGINAL_PARTITION = "loupe-original-partition";

    /** On retries and dead letters: the offset of the first delivery. */
    public static final String ORIGINAL_OFFSET = "loupe-original-offset";

    /**
     * On a dead letter: why, as a code: {@value #INVALID_EVENT} for a malformed event, otherwise the
     * {@link dev.loupe.ingest.FailureReason} of the last of the attempts.
     */
    public static final String DLQ_REASON = "loupe-dlq-reason";

    /** On a dead letter: where it was given up: {@value #STAGE_PARSE} or {@value #STAGE_PROCESS}. */
    public static final String DLQ_STAGE = "loupe-dlq-stage";

    /** On a dead letter: what was wrong, for people (the invalid field and why, or the last error). */
    public static final String DLQ_MESSAGE = "loupe-dlq-message";

    /** On a dead letter of a malformed event: the JSON path of the fault ({@code $} for the whole). */
    public static final String DLQ_FIELD = "loupe-dlq-field";

    /**
     * On a dead letter whose value was too large to copy: the original value's size in bytes (the dead
     * letter then has no value).
     */
    public static final String DLQ_DROPPED_VALUE_BYTES = "loupe-dlq-dropped-value-bytes";

    /** {@link #DLQ_REASON} of an event that could not be read or failed validation. */
    public static final String INVALID_EVENT = "INVALID_EVENT";

    /** {@link #DLQ_STAGE}: reading and validating the event. */
    public static final String STAGE_PARSE = "parse";

    /** {@link #DLQ_STAGE}: fetching, embedding, storing (after the last attempt). */
    public static final String STAGE_PROCESS = "process";

    private DeliveryHeaders() {}

    /** The last value of a header as text, or null when absent. */
    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Replaces every value of a header with one text value. */
    static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
