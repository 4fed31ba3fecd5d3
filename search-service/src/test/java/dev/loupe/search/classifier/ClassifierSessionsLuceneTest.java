package dev.loupe.search.classifier;

import dev.loupe.search.GoldenPhotosResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The classifier-session flow on the Lucene store (standalone), in a service of its own: applying with a
 * tag changes the golden photos' tags, which other tests of the same collection must not see.
 */
@QuarkusTest
@WithTestResource(
        value = GoldenPhotosResource.class,
        initArgs = {
            @ResourceArg(name = GoldenPhotosResource.STORE, value = "lucene"),
            @ResourceArg(name = "loupe.classifiers.top-k", value = "" + ClassifierSessionFlow.TOP_K)
        })
class ClassifierSessionsLuceneTest extends ClassifierSessionFlow {}
