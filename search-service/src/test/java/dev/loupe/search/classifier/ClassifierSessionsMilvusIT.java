package dev.loupe.search.classifier;

import dev.loupe.search.GoldenPhotosResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The classifier-session flow on Milvus: the packaged service with {@code loupe.store.type=milvus},
 * against a local Milvus server (milvus-lite, {@code deploy/milvus/install-local-milvus.sh}) holding the
 * golden photos. Sessions stay in the service's embedded PostgreSQL.
 */
@QuarkusIntegrationTest
@WithTestResource(
        value = GoldenPhotosResource.class,
        initArgs = {
            @ResourceArg(name = GoldenPhotosResource.STORE, value = "milvus"),
            @ResourceArg(name = "loupe.classifiers.top-k", value = "" + ClassifierSessionFlow.TOP_K)
        })
class ClassifierSessionsMilvusIT extends ClassifierSessionFlow {}
