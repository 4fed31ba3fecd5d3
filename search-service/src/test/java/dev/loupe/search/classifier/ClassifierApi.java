package dev.loupe.search.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Drives {@code /v1/classifiers} over HTTP, checking the status of each answer that should succeed. */
final class ClassifierApi {

    private final Supplier<RequestSpecification> requests;

    private ClassifierApi(Supplier<RequestSpecification> requests) {
        this.requests = requests;
    }

    /** The service under test of a {@code @QuarkusTest} or {@code @QuarkusIntegrationTest}. */
    static ClassifierApi ofTestedService() {
        return new ClassifierApi(RestAssured::given);
    }

    /** A service running elsewhere, such as a packaged jar started by the test. */
    static ClassifierApi at(URI url) {
        return new ClassifierApi(() -> RestAssured.given().baseUri(url.toString()));
    }

    RequestSpecification request() {
        return requests.get();
    }

    Response post(String path, Object body) {
        return request().contentType(ContentType.JSON).body(body).post(path);
    }

    /** Starts a session, checking the 201 and its Location. */
    JsonPath create(Map<String, ?> body) {
        var response = post("/v1/classifiers", body).then().statusCode(201).extract();
        String id = response.jsonPath().getString("id");
        assertThat(response.header("Location")).endsWith("/v1/classifiers/" + id);
        return response.jsonPath();
    }

    String createFromPrompt(String prompt) {
        return create(Map.of("prompt", prompt)).getString("id");
    }

    JsonPath session(String id) {
        return ok(request().get("/v1/classifiers/" + id));
    }

    JsonPath candidates(String id, int limit) {
        return ok(request().queryParam("limit", limit).get("/v1/classifiers/" + id + "/candidates"));
    }

    List<String> candidateIds(String id, int limit) {
        return candidates(id, limit).getList("candidates.id", String.class);
    }

    JsonPath label(String id, List<String> positive, List<String> negative) {
        return ok(post("/v1/classifiers/" + id + "/labels", Map.of("positive", positive, "negative", negative)));
    }

    JsonPath labels(String id) {
        return ok(request().get("/v1/classifiers/" + id + "/labels"));
    }

    JsonPath train(String id) {
        return ok(request().post("/v1/classifiers/" + id + "/train"));
    }

    JsonPath apply(String id, Map<String, ?> body) {
        return ok(post("/v1/classifiers/" + id + "/apply", body));
    }

    JsonPath export(String id) {
        return ok(request().get("/v1/classifiers/" + id + "/export"));
    }

    /** Labels the first half of the next candidates right and the rest wrong; answers the labelled ids. */
    List<String> labelNextCandidates(String id, int count) {
        List<String> candidates = candidateIds(id, count);
        int half = (candidates.size() + 1) / 2;
        label(id, candidates.subList(0, half), candidates.subList(half, candidates.size()));
        return candidates;
    }

    private static JsonPath ok(Response response) {
        return response.then().statusCode(200).extract().jsonPath();
    }
}
