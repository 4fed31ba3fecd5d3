package dev.loupe.vectorstore;

/**
 * Index construction and search parameters. Adapters ignore what does not apply to them.
 *
 * @param type the index type
 * @param m HNSW: neighbours per node (Lucene's {@code maxConn}, Milvus' {@code M})
 * @param efConstruction HNSW: candidate list size while building (Lucene's {@code beamWidth})
 * @param efSearch HNSW: candidate list size while searching; at least the requested k
 * @param nlist IVF: number of clusters
 * @param nprobe IVF: clusters visited per search
 * @param quantized Lucene: the graph is built and searched on 7-bit scalar-quantised copies and the
 *     candidates are rescored on the raw floats, so scores stay exact (Milvus: use IVF_SQ8)
 */
public record IndexSettings(
        IndexType type, int m, int efConstruction, int efSearch, int nlist, int nprobe, boolean quantized) {

    /** HNSW with M = 16, efConstruction = 200, efSearch = 100, no quantisation. */
    public static final IndexSettings DEFAULT = new IndexSettings(IndexType.HNSW, 16, 200, 100, 1024, 16, false);

    public IndexSettings {
        if (type == null) {
            throw new IllegalArgumentException("index type must not be null");
        }
        if (m <= 0 || efConstruction <= 0 || efSearch <= 0 || nlist <= 0 || nprobe <= 0) {
            throw new IllegalArgumentException("index parameters must be positive");
        }
    }
}
