package dev.loupe.search.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With private addresses refused (the default), a loopback URL fails alone, with a reason. */
@QuarkusTest
@WithTestResource(ImportRootResource.class)
class RefusedUrlImportTest {

    @Test
    void a_loopback_url_is_refused_before_connecting_and_listed_as_a_failure() throws Exception {
        // port 9 (discard): nothing listens there, so a connection attempt would fail differently
        String id = Imports.submit(Map.of(
                "source",
                Map.of("type", "urls", "urls", List.of("http://127.0.0.1:9/cat.jpg")),
                "collection",
                "refused"));

        JsonPath job = Imports.awaitEnd(id);

        assertThat(job.getString("status")).isEqualTo("done");
        assertThat(job.getLong("done")).isZero();
        assertThat(job.getLong("failed")).isEqualTo(1);
        assertThat(job.getString("failures[0].source")).isEqualTo("http://127.0.0.1:9/cat.jpg");
        assertThat(job.getString("failures[0].reason")).contains("127.0.0.1").contains("private addresses");
    }
}
