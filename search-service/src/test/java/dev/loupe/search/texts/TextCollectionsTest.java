package dev.loupe.search.texts;

import static dev.loupe.search.ProblemResponses.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.loupe.search.imports.Imports;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A question bank in the standalone service, with the real all-MiniLM-L6-v2 model: created, imported
 * from JSONL and CSV (bad lines reported, never failing the batch; a re-import skipped as unchanged),
 * searched dense, lexical and hybrid with filters and paging, similar texts by id, and the errors.
 */
@QuarkusTest
@WithTestResource(TextCollectionResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TextCollectionsTest {

    private static final String MODEL = TextCollectionResource.MODEL;

    @ConfigProperty(name = "loupe.imports.roots")
    List<Path> roots;

    private static JsonPath search(Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/texts/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    @Order(1)
    void a_text_collection_is_created_with_its_model_once() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "qa", "kind", "texts", "model", MODEL))
                .post("/v1/collections")
                .then()
                .statusCode(201)
                .header("Location", containsString("/v1/collections/qa"))
                .body("kind", equalTo("texts"))
                .body("model", equalTo(MODEL))
                .body("analysis", equalTo("standard"))
                .body("dimension", equalTo(384));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "qa", "kind", "texts", "model", MODEL))
                .post("/v1/collections")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "qa", "kind", "texts", "model", MODEL, "analysis", "cjk-bigram"))
                .post("/v1/collections")
                .then()
                .statusCode(409);

        problem(
                        given().contentType(ContentType.JSON)
                                .body(Map.of("name", "qa2", "kind", "texts", "model", "no-such-model"))
                                .post("/v1/collections"),
                        400)
                .body("title", containsString("no text model 'no-such-model'"))
                .body("title", containsString(MODEL));
        problem(
                given().contentType(ContentType.JSON)
                        .body(Map.of("name", "qa3", "kind", "videos"))
                        .post("/v1/collections"),
                400);
        problem(
                given().contentType(ContentType.JSON)
                        .body(Map.of("name", "9bad", "kind", "texts", "model", MODEL))
                        .post("/v1/collections"),
                400);
        problem(
                        given().contentType(ContentType.JSON)
                                .body(Map.of(
                                        "name",
                                        "typed",
                                        "kind",
                                        "texts",
                                        "model",
                                        MODEL,
                                        "fields",
                                        Map.of("grade", "blob")))
                                .post("/v1/collections"),
                        400)
                .body("title", containsString("unknown metadata type 'blob'"));
    }

    @Test
    @Order(2)
    void declared_field_types_hold_for_every_import() throws Exception {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "typed", "kind", "texts", "model", MODEL, "fields", Map.of("subject", "integer")))
                .post("/v1/collections")
                .then()
                .statusCode(201)
                .body("fields.subject", equalTo("integer"));

        JsonPath job = Imports.awaitEnd(Imports.submit(Map.of(
                "source",
                Map.of("type", "csv", "path", roots.getFirst().resolve("qa.csv").toString()),
                "collection",
                "typed")));

        // subject is a word in every record of qa.csv: each fails alone, naming the clash
        assertThat(job.getLong("failed")).isEqualTo(2);
        assertThat(job.getList("failures.reason", String.class))
                .allMatch(reason -> reason.contains("'subject' holds integer values"));
    }

    @Test
    @Order(2)
    void jsonl_and_csv_imports_fill_it_and_report_bad_lines_alone() throws Exception {
        String jsonl = Imports.submit(Map.of(
                "source",
                Map.of(
                        "type",
                        "jsonl",
                        "path",
                        roots.getFirst().resolve("qa.jsonl").toString()),
                "collection",
                "qa"));
        JsonPath job = Imports.awaitEnd(jsonl);

        assertThat(job.getString("status")).isEqualTo("done");
        assertThat(job.getLong("total")).isEqualTo(8);
        assertThat(job.getLong("done")).isEqualTo(6);
        assertThat(job.getLong("failed")).isEqualTo(2);
        assertThat(job.getList("failures.source", String.class)).containsExactly("qa.jsonl line 7", "qa.jsonl line 8");
        assertThat(job.getList("failures.reason", String.class).get(0)).contains("no text");
        assertThat(job.getList("failures.reason", String.class).get(1)).contains("grade");

        JsonPath csv = Imports.awaitEnd(Imports.submit(Map.of(
                "source",
                Map.of("type", "csv", "path", roots.getFirst().resolve("qa.csv").toString()),
                "collection",
                "qa")));
        assertThat(csv.getLong("done")).isEqualTo(2);

        JsonPath again = Imports.awaitEnd(Imports.submit(Map.of(
                "source",
                Map.of(
                        "type",
                        "jsonl",
                        "path",
                        roots.getFirst().resolve("qa.jsonl").toString()),
                "collection",
                "qa")));
        assertThat(again.getLong("skipped")).isEqualTo(6);

        JsonPath collection = given().get("/v1/collections/qa")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(collection.getLong("count")).isEqualTo(8);
        assertThat(collection.getMap("fields"))
                .containsEntry("subject", "string")
                .containsEntry("grade", "integer")
                .containsEntry("difficulty", "number")
                .containsEntry("tags", "tags");
        assertThat(given().get("/v1/collections").jsonPath().getList("collections.name", String.class))
                .contains("qa");
    }

    @Test
    @Order(3)
    void dense_search_finds_a_paraphrase_by_meaning() {
        JsonPath result =
                search(Map.of("collection", "qa", "text", "how do green plants make food from light", "mode", "dense"));

        assertThat(result.getString("mode")).isEqualTo("dense");
        assertThat(result.getString("model")).isEqualTo(MODEL);
        assertThat(result.getString("hits[0].id")).isEqualTo("bio1");
        assertThat(result.getString("hits[0].answer")).isEqualTo("Photosynthesis");
        assertThat(result.getFloat("hits[0].score")).isBetween(0f, 1f);
        assertThat(result.getList("hits.score", Float.class)).isSortedAccordingTo((a, b) -> Float.compare(b, a));
    }

    @Test
    @Order(4)
    void lexical_search_matches_words_and_marks_them() {
        JsonPath result = search(Map.of("collection", "qa", "text", "Berlin wall", "mode", "lexical"));

        assertThat(result.getList("hits.id", String.class)).containsExactly("hist1");
        String text = result.getString("hits[0].text");
        List<Map<String, Integer>> highlights = result.getList("hits[0].highlights");
        assertThat(highlights).hasSize(2);
        assertThat(text.substring(
                        highlights.get(0).get("start"), highlights.get(0).get("end")))
                .isEqualTo("Berlin");
        assertThat(text.substring(
                        highlights.get(1).get("start"), highlights.get(1).get("end")))
                .isEqualTo("Wall");
        assertThat(result.getFloat("hits[0].lexical")).isPositive();
    }

    @Test
    @Order(5)
    void hybrid_search_is_the_default_and_filters_and_pages_like_photo_search() {
        JsonPath hybrid = search(Map.of("collection", "qa", "text", "plants sunlight energy"));
        assertThat(hybrid.getString("mode")).isEqualTo("hybrid");
        assertThat(hybrid.getString("hits[0].id")).isEqualTo("bio1");
        assertThat(hybrid.getFloat("hits[0].dense")).isNotNull();
        assertThat(hybrid.getFloat("hits[0].lexical")).isNotNull();

        JsonPath grade9 = search(Map.of(
                "collection",
                "qa",
                "text",
                "a question",
                "mode",
                "dense",
                "filter",
                Map.of(
                        "and",
                        List.of(
                                Map.of("field", "grade", "op", "gte", "value", 9),
                                Map.of("field", "subject", "op", "in", "value", List.of("math", "biology"))))));
        assertThat(grade9.getList("hits.id", String.class)).containsExactlyInAnyOrder("bio2", "math1");

        JsonPath tagged = search(Map.of(
                "collection",
                "qa",
                "text",
                "equation",
                "filter",
                Map.of("field", "tags", "op", "contains", "value", "algebra")));
        assertThat(tagged.getList("hits.id", String.class)).containsExactly("math1");
        assertThat(tagged.getMap("hits[0].metadata")).containsEntry("difficulty", 0.4f);

        List<String> all = search(Map.of("collection", "qa", "text", "question", "mode", "dense", "limit", 8))
                .getList("hits.id", String.class);
        List<String> page2 = search(
                        Map.of("collection", "qa", "text", "question", "mode", "dense", "limit", 3, "offset", 3))
                .getList("hits.id", String.class);
        assertThat(page2).containsExactlyElementsOf(all.subList(3, 6));

        JsonPath cut = search(Map.of("collection", "qa", "text", "Berlin wall", "mode", "dense", "minScore", 0.5));
        assertThat(cut.getList("hits.score", Float.class)).allMatch(score -> score >= 0.5f);
    }

    @Test
    @Order(6)
    void similar_texts_exclude_the_record_itself() {
        JsonPath similar = given().queryParam("collection", "qa")
                .queryParam("limit", 3)
                .get("/v1/texts/chem2/similar")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(similar.getList("hits.id", String.class)).hasSize(3).doesNotContain("chem2");
        given().queryParam("collection", "qa")
                .get("/v1/texts/math2")
                .then()
                .statusCode(200)
                .body("answer", equalTo("9 pi"))
                .body("metadata.grade", equalTo(7));
        problem(given().queryParam("collection", "qa").get("/v1/texts/nope/similar"), 404);
    }

    @Test
    @Order(3)
    void an_uploaded_file_is_imported_as_a_file_under_the_roots_is() throws Exception {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "uploaded", "kind", "texts", "model", MODEL))
                .post("/v1/collections")
                .then()
                .statusCode(201);
        var response = given().multiPart(
                        "file", "bank.jsonl", TextCollectionResource.JSONL.getBytes(), "application/octet-stream")
                .multiPart("collection", "uploaded")
                .post("/v1/imports")
                .then()
                .statusCode(202)
                .extract();
        JsonPath job = Imports.awaitEnd(response.jsonPath().getString("id"));

        assertThat(response.header("Location"))
                .endsWith("/v1/imports/" + response.jsonPath().getString("id"));
        assertThat(job.getString("status")).isEqualTo("done");
        assertThat(job.getLong("done")).isEqualTo(6);
        assertThat(job.getList("failures.source", String.class))
                .containsExactly("bank.jsonl line 7", "bank.jsonl line 8");
        JsonPath csv = Imports.awaitEnd(
                given().multiPart("file", "more.csv", TextCollectionResource.CSV.getBytes(), "text/csv")
                        .multiPart("collection", "uploaded")
                        .post("/v1/imports")
                        .then()
                        .statusCode(202)
                        .extract()
                        .jsonPath()
                        .getString("id"));
        assertThat(csv.getLong("done")).isEqualTo(2);

        problem(
                        given().multiPart("file", "photos.zip", new byte[] {1, 2, 3}, "application/octet-stream")
                                .multiPart("collection", "uploaded")
                                .post("/v1/imports"),
                        400)
                .body("title", containsString("jsonl or csv"));
        problem(given().multiPart("collection", "uploaded").post("/v1/imports"), 400)
                .body("title", containsString("file"));
        problem(
                given().multiPart(
                                "file",
                                "bank.jsonl",
                                TextCollectionResource.JSONL.getBytes(),
                                "application/octet-stream")
                        .multiPart("collection", "nowhere")
                        .post("/v1/imports"),
                404);
    }

    @Test
    @Order(6)
    void copies_of_a_question_form_a_near_duplicate_group() throws Exception {
        Imports.awaitEnd(Imports.submit(Map.of(
                "source",
                Map.of(
                        "type",
                        "jsonl",
                        "path",
                        roots.getFirst().resolve("copies.jsonl").toString()),
                "collection",
                "qa")));

        JsonPath duplicates = given().queryParam("threshold", 0.99)
                .get("/v1/collections/qa/duplicates")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(duplicates.getLong("scanned")).isEqualTo(11);
        assertThat(duplicates.getList("groups.texts.id")).containsExactly(List.of("copy1", "copy2"));
        assertThat(duplicates.getString("groups[0].texts[0].text")).startsWith("What is the boiling point");
        assertThat(duplicates.getList("groups[0].photos")).isNull();
    }

    @Test
    @Order(7)
    void bad_requests_get_clear_errors() {
        problem(
                        given().contentType(ContentType.JSON)
                                .body(Map.of("collection", "nope", "text", "x"))
                                .post("/v1/texts/search"),
                        404)
                .body("detail", containsString("nope"));
        problem(
                        given().contentType(ContentType.JSON)
                                .body(Map.of("collection", "qa", "text", "x", "mode", "fuzzy"))
                                .post("/v1/texts/search"),
                        400)
                .body("title", containsString("mode"));
        problem(
                        given().contentType(ContentType.JSON)
                                .body(Map.of("collection", "qa", "text", " "))
                                .post("/v1/texts/search"),
                        400)
                .body("title", containsString("text"));
        problem(
                        given().contentType(ContentType.JSON)
                                .body(Map.of(
                                        "collection",
                                        "qa",
                                        "text",
                                        "x",
                                        "filter",
                                        Map.of("field", "colour", "op", "eq", "value", "red")))
                                .post("/v1/texts/search"),
                        400)
                .body("title", containsString("unknown filter field 'colour'"))
                .body("title", containsString("subject"));
        problem(
                        given().contentType(ContentType.JSON)
                                .body(Map.of(
                                        "source",
                                        Map.of(
                                                "type",
                                                "folder",
                                                "path",
                                                roots.getFirst().toString()),
                                        "collection",
                                        "qa"))
                                .post("/v1/imports"),
                        400)
                .body("title", containsString("text collection"));
        problem(
                given().contentType(ContentType.JSON)
                        .body(Map.of(
                                "source",
                                Map.of(
                                        "type",
                                        "jsonl",
                                        "path",
                                        roots.getFirst().resolve("qa.jsonl").toString()),
                                "collection",
                                "nowhere"))
                        .post("/v1/imports"),
                404);
    }
}
