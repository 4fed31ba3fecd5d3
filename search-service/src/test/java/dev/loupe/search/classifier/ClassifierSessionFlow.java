package dev.loupe.search.classifier;

import static dev.loupe.search.ProblemResponses.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.loupe.search.TestPhotos;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The whole classifier-session flow over HTTP, run by one subclass per vector store (Lucene, Milvus)
 * against the 18 golden photos: the same behaviour is required of both. The service must be configured
 * with {@code loupe.classifiers.top-k} = {@value #TOP_K}, so that a round's change of the top photos is
 * measured on fewer photos than the collection holds.
 */
abstract class ClassifierSessionFlow {

    static final int TOP_K = 5;
    private static final int PHOTOS = TestPhotos.ALL.size();
    private static final String PROMPT = "a photo of a sunflower";

    private final ClassifierApi api = ClassifierApi.ofTestedService();

    @Test
    void a_session_from_a_prompt_proposes_what_a_search_for_the_prompt_finds() {
        JsonPath session = api.create(Map.of("prompt", PROMPT));

        assertThat(session.getString("name")).isEqualTo(PROMPT);
        assertThat(session.getString("prompt")).isEqualTo(PROMPT);
        assertThat(session.getString("collection")).isEqualTo("photos");
        assertThat(session.getString("modelId")).isEqualTo(TestPhotos.MODEL);
        assertThat(session.getInt("dimension")).isEqualTo(TestPhotos.DIMENSIONS);
        assertThat(session.getInt("round")).isZero();
        assertThat(session.getLong("labels.positive")).isZero();
        assertThat(session.getLong("labels.negative")).isZero();
        assertThat(session.getDouble("threshold")).isBetween(-1.0, 1.0);
        assertThat(session.getString("createdAt")).isNotNull();
        assertThat(session.getMap("$")).doesNotContainKey("lastTraining");
        String id = session.getString("id");
        assertThat(api.session(id).getString("id")).isEqualTo(id);

        JsonPath candidates = api.candidates(id, 5);

        List<String> searched = api.post("/v1/search", Map.of("text", PROMPT, "limit", 5))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("hits.id", String.class);
        assertThat(candidates.getList("candidates.id", String.class)).containsExactlyElementsOf(searched);
        assertThat(candidates.getList("candidates.score", Double.class))
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(candidates.getList("candidates.probability", Double.class)).allMatch(p -> p >= 0 && p <= 1);
        assertThat(candidates.getList("candidates.boundary", Boolean.class)).containsOnly(false);
        assertThat(candidates.getList("candidates.title", String.class)).doesNotContainNull();
        assertThat(candidates.getList("candidates.tags")).allMatch(tags -> !((List<?>) tags).isEmpty());
        assertThat(candidates.getList("candidates.url", String.class)).allMatch(url -> url.startsWith("file:"));
        assertThat(candidates.getList("candidates")).allMatch(c -> ((Map<?, ?>) c).containsKey("thumbnailUrl"));
    }

    @Test
    void applying_an_untrained_session_calls_about_half_the_photos_positive_not_all() {
        String id = api.createFromPrompt(PROMPT);

        JsonPath applied = api.apply(id, Map.of());

        assertThat(applied.getLong("scanned")).isEqualTo(PHOTOS);
        // the threshold starts at the score of the (photos / 2)-th nearest photo
        assertThat(applied.getLong("positives")).isBetween(PHOTOS / 2L - 1, PHOTOS / 2L + 1);
        // the JSON body may be empty: the defaults apply
        api.request()
                .contentType(ContentType.JSON)
                .post("/v1/classifiers/" + id + "/apply")
                .then()
                .statusCode(200)
                .body("positives", equalTo(applied.getInt("positives")));
    }

    @Test
    void a_session_from_examples_labels_them_right_and_proposes_the_photos_nearest_them() {
        String example = TestPhotos.MOST_DISTINCT;
        JsonPath session = api.create(Map.of("examples", List.of(example)));

        String id = session.getString("id");
        assertThat(session.getString("prompt")).isNull();
        assertThat(session.getString("name")).isEqualTo("from 1 example");
        assertThat(session.getLong("labels.positive")).isEqualTo(1);
        assertThat(api.labels(id).getList("positive", String.class)).containsExactly(example);
        List<String> similar = api.request()
                .queryParam("limit", 5)
                .get("/v1/photos/" + example + "/similar")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("hits.id", String.class);
        assertThat(api.candidateIds(id, 5)).containsExactlyElementsOf(similar).doesNotContain(example);
    }

    @Test
    void a_session_with_a_filter_proposes_and_applies_to_the_matching_photos_only() {
        Map<String, String> caltech = Map.of("field", "source", "op", "eq", "value", "caltech");
        JsonPath session = api.create(Map.of("prompt", PROMPT, "filter", caltech, "name", "caltech only"));
        String id = session.getString("id");
        assertThat(session.getString("name")).isEqualTo("caltech only");
        assertThat(session.getMap("filter")).containsEntry("value", "caltech");

        List<String> candidates = api.candidateIds(id, 100);
        JsonPath applied = api.apply(id, Map.of("threshold", 0.000001, "limit", 100));

        List<String> caltechIds = TestPhotos.ALL.stream()
                .filter(p -> p.source().equals("caltech"))
                .map(TestPhotos.Photo::id)
                .toList();
        assertThat(candidates).containsExactlyInAnyOrderElementsOf(caltechIds);
        assertThat(applied.getLong("scanned")).isEqualTo(caltechIds.size());
        assertThat(applied.getList("hits.id", String.class)).isSubsetOf(caltechIds);
    }

    @Test
    void labelled_photos_never_come_back_as_candidates_until_every_photo_is_labelled() {
        String id = api.createFromPrompt(PROMPT);
        Set<String> labelled = new HashSet<>();
        int rounds = 0;

        while (true) {
            List<String> candidates = api.candidateIds(id, 4);
            assertThat(candidates)
                    .as("round %d proposes no labelled photo", rounds)
                    .noneMatch(labelled::contains);
            if (candidates.isEmpty()) {
                break;
            }
            int half = (candidates.size() + 1) / 2;
            api.label(id, candidates.subList(0, half), candidates.subList(half, candidates.size()));
            labelled.addAll(candidates);
            api.train(id);
            rounds++;
            assertThat(rounds).as("rounds before the collection is exhausted").isLessThanOrEqualTo(PHOTOS);
        }

        assertThat(labelled).hasSize(PHOTOS);
        assertThat(rounds).isEqualTo((PHOTOS + 3) / 4);
        JsonPath session = api.session(id);
        assertThat(session.getInt("round")).isEqualTo(rounds);
        assertThat(session.getLong("labels.positive") + session.getLong("labels.negative"))
                .isEqualTo(PHOTOS);
        JsonPath labels = api.labels(id);
        List<String> all = new ArrayList<>(labels.getList("positive", String.class));
        all.addAll(labels.getList("negative", String.class));
        assertThat(all).containsExactlyInAnyOrderElementsOf(labelled);
    }

    @Test
    void relabelling_a_photo_changes_its_label_and_removing_it_makes_it_a_candidate_again() {
        String id = api.createFromPrompt(PROMPT);
        String photo = api.candidateIds(id, 1).getFirst();

        api.label(id, List.of(photo), List.of());
        JsonPath relabelled = api.label(id, List.of(), List.of(photo));

        assertThat(relabelled.getLong("labels.positive")).isZero();
        assertThat(relabelled.getLong("labels.negative")).isEqualTo(1);
        assertThat(api.labels(id).getList("negative", String.class)).containsExactly(photo);
        assertThat(api.labels(id).getList("positive", String.class)).isEmpty();
        assertThat(api.candidateIds(id, 100)).hasSize(PHOTOS - 1).doesNotContain(photo);

        JsonPath removed = api.post("/v1/classifiers/" + id + "/labels", Map.of("remove", List.of(photo)))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(removed.getLong("labels.negative")).isZero();
        assertThat(api.candidateIds(id, 100)).hasSize(PHOTOS).contains(photo);
    }

    @Test
    void training_reports_the_round_and_is_kept_as_the_sessions_last_training() {
        String id = api.createFromPrompt(PROMPT);
        List<String> labelled = api.labelNextCandidates(id, 6);
        List<String> more = api.candidateIds(id, 2);
        api.label(id, List.of(), more); // the classifier's next best photos, marked wrong

        JsonPath round = api.train(id);

        assertThat(round.getInt("round")).isEqualTo(1);
        assertThat(round.getInt("positives")).isEqualTo(3);
        assertThat(round.getInt("negatives")).isEqualTo(labelled.size() - 3 + more.size());
        assertThat(round.getDouble("loss")).isPositive().isLessThan(10);
        assertThat(round.getDouble("accuracy")).isBetween(0.0, 1.0);
        assertThat(round.getDouble("accuracy") * 8).isCloseTo(Math.rint(round.getDouble("accuracy") * 8), within(1e-9));
        assertThat(round.getInt("steps")).isBetween(1, 200);
        assertThat(round.getDouble("threshold")).isBetween(-1.0, 1.0);
        assertThat(round.getInt("topChanged.k")).isEqualTo(TOP_K);
        assertThat(round.getInt("topChanged.entered"))
                .isEqualTo(round.getInt("topChanged.left"))
                .isBetween(0, TOP_K);
        JsonPath session = api.session(id);
        assertThat(session.getInt("round")).isEqualTo(1);
        assertThat(session.getDouble("threshold")).isEqualTo(round.getDouble("threshold"));
        assertThat(session.getMap("lastTraining")).isEqualTo(round.getMap("$"));

        assertThat(api.train(id).getInt("round")).isEqualTo(2);
    }

    @Test
    void apply_lists_the_most_probable_positives_and_tags_every_positive() {
        String id = api.createFromPrompt(PROMPT);
        String tag = "sunflower-" + UUID.randomUUID().toString().substring(0, 8);

        JsonPath applied = api.apply(id, Map.of("threshold", 0.5, "limit", 3, "tag", tag));

        long positives = applied.getLong("positives");
        assertThat(positives).isPositive();
        assertThat(applied.getLong("tagged")).isEqualTo(positives);
        List<Double> probabilities = applied.getList("hits.probability", Double.class);
        assertThat(probabilities).hasSize((int) Math.min(3, positives)).allMatch(p -> p >= 0.5);
        assertThat(applied.getList("hits.score", Double.class)).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(applied.getList("hits.tags")).allMatch(tags -> ((List<?>) tags).contains(tag));

        List<String> tagged = api.post(
                        "/v1/search",
                        Map.of(
                                "text",
                                PROMPT,
                                "limit",
                                100,
                                "filter",
                                Map.of("field", "tags", "op", "contains", "value", tag)))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("hits.id", String.class);
        assertThat(tagged).hasSize((int) positives).containsAll(applied.getList("hits.id", String.class));
        String first = applied.getString("hits[0].id");
        List<String> tags = api.request()
                .urlEncodingEnabled(false)
                .get("/v1/photos/" + first.replace("/", "%2F"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("tags", String.class);
        assertThat(tags)
                .containsOnlyOnce(tag)
                .containsAll(TestPhotos.byId(first).tags());

        JsonPath again = api.apply(id, Map.of("limit", 0, "tag", tag));

        assertThat(again.getList("hits")).isEmpty();
        assertThat(again.getLong("positives")).isEqualTo(positives);
        assertThat(again.getLong("tagged")).isEqualTo(positives);
        assertThat(api.request()
                        .urlEncodingEnabled(false)
                        .get("/v1/photos/" + first.replace("/", "%2F"))
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("tags", String.class))
                .as("applying twice tags once")
                .isEqualTo(tags);
    }

    @Test
    void a_higher_threshold_calls_fewer_photos_positive() {
        String id = api.createFromPrompt(PROMPT);

        long lenient = api.apply(id, Map.of("threshold", 0.01)).getLong("positives");
        long strict = api.apply(id, Map.of("threshold", 0.99)).getLong("positives");

        assertThat(lenient).isGreaterThan(strict);
    }

    @Test
    void an_exported_classifier_imported_again_scores_every_photo_the_same() {
        String id = api.createFromPrompt(PROMPT);
        api.labelNextCandidates(id, 6);
        api.train(id);

        JsonPath export = api.export(id);

        assertThat(export.getString("format")).isEqualTo("loupe-classifier/1");
        assertThat(export.getString("modelId")).isEqualTo(TestPhotos.MODEL);
        assertThat(export.getInt("dimension")).isEqualTo(TestPhotos.DIMENSIONS);
        assertThat(export.getString("prompt")).isEqualTo(PROMPT);
        assertThat(export.getString("collection")).isEqualTo("photos");
        assertThat(export.getLong("labels.positive")).isEqualTo(3);
        assertThat(export.getString("exportedAt")).isNotNull();
        List<Float> weights = export.getList("weights", Float.class);
        assertThat(weights).hasSize(TestPhotos.DIMENSIONS);
        assertThat(weights.stream().mapToDouble(w -> w * w).sum()).isCloseTo(1.0, within(1e-5));

        String body = api.request().get("/v1/classifiers/" + id + "/export").asString();
        JsonPath imported = api.request()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/classifiers/import")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();

        String copy = imported.getString("id");
        assertThat(copy).isNotEqualTo(id);
        assertThat(imported.getInt("round")).isZero();
        assertThat(imported.getLong("labels.positive") + imported.getLong("labels.negative"))
                .isZero();
        assertThat(imported.getString("prompt")).isEqualTo(PROMPT);
        assertThat(imported.getDouble("threshold")).isEqualTo(export.getDouble("threshold"));
        Map<String, Object> everything = Map.of("threshold", 0.000001, "limit", 100);
        JsonPath original = api.apply(id, everything);
        JsonPath copied = api.apply(copy, everything);
        assertThat(copied.getList("hits.id", String.class))
                .containsExactlyElementsOf(original.getList("hits.id", String.class));
        List<Double> originalScores = original.getList("hits.score", Double.class);
        List<Double> copiedScores = copied.getList("hits.score", Double.class);
        for (int i = 0; i < originalScores.size(); i++) {
            assertThat(copiedScores.get(i)).isCloseTo(originalScores.get(i), within(1e-6));
        }
        assertThat(copied.getList("hits.probability", Double.class))
                .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-6 ? 0 : Double.compare(a, b))
                .containsExactlyElementsOf(original.getList("hits.probability", Double.class));
    }

    @Test
    void lists_sessions_newest_first_and_forgets_a_deleted_one() {
        String older = api.createFromPrompt("older");
        String newer = api.createFromPrompt("newer");

        List<String> listed = api.request()
                .get("/v1/classifiers")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("classifiers.id", String.class);
        assertThat(listed).containsSubsequence(newer, older);

        api.request().delete("/v1/classifiers/" + newer).then().statusCode(204);

        problem(api.request().get("/v1/classifiers/" + newer), 404).body("type", containsString("unknown-classifier"));
        problem(api.request().delete("/v1/classifiers/" + newer), 404);
        assertThat(api.request().get("/v1/classifiers").jsonPath().getList("classifiers.id", String.class))
                .contains(older)
                .doesNotContain(newer);
    }

    @Test
    void an_unknown_session_is_a_404_problem_on_every_endpoint() {
        String unknown = "/v1/classifiers/" + UUID.randomUUID();
        problem(api.request().get(unknown), 404).body("title", containsString("Unknown classifier session"));
        problem(api.request().delete(unknown), 404);
        problem(api.request().get(unknown + "/candidates"), 404);
        problem(api.request().get(unknown + "/labels"), 404);
        problem(api.post(unknown + "/labels", Map.of("positive", List.of(TestPhotos.MOST_DISTINCT))), 404)
                .body("type", containsString("unknown-classifier"));
        problem(api.request().post(unknown + "/train"), 404);
        problem(api.post(unknown + "/apply", Map.of()), 404);
        problem(api.request().get(unknown + "/export"), 404);
        problem(api.request().get("/v1/classifiers/" + "x".repeat(500)), 404);
    }

    @Test
    void bad_session_requests_are_400_or_404_problems_naming_what_is_wrong() {
        problem(api.post("/v1/classifiers", Map.of()), 400).body("title", containsString("'prompt'"));
        problem(api.request().contentType(ContentType.JSON).post("/v1/classifiers"), 400);
        problem(
                api.request()
                        .contentType(ContentType.JSON)
                        .body("{\"prompt\": ")
                        .post("/v1/classifiers"),
                400);
        problem(
                api.request()
                        .contentType(ContentType.JSON)
                        .body("{\"examples\": \"a\"}")
                        .post("/v1/classifiers"),
                400);
        problem(api.post("/v1/classifiers", Map.of("prompt", " ")), 400).body("field", equalTo("prompt"));
        problem(api.post("/v1/classifiers", Map.of("prompt", "x".repeat(2049))), 400)
                .body("field", equalTo("prompt"));
        problem(api.post("/v1/classifiers", Map.of("examples", List.of())), 400).body("field", equalTo("examples"));
        problem(api.post("/v1/classifiers", Map.of("examples", Collections.nCopies(1001, "a.jpg"))), 400)
                .body("field", equalTo("examples"));
        problem(api.post("/v1/classifiers", Map.of("examples", List.of("no-such-photo.jpg", "another.jpg"))), 404)
                .body("title", allOf(containsString("no-such-photo.jpg"), containsString("another.jpg")));
        problem(api.post("/v1/classifiers", Map.of("prompt", PROMPT, "collection", "no_such_collection")), 404);
        problem(
                        api.post(
                                "/v1/classifiers",
                                Map.of("prompt", PROMPT, "filter", Map.of("field", "nope", "op", "eq", "value", 1))),
                        400)
                .body("field", equalTo("filter"));
        problem(api.post("/v1/classifiers", Map.of("prompt", PROMPT, "name", "n".repeat(201))), 400)
                .body("field", equalTo("name"));
    }

    @Test
    void bad_labels_are_400_or_404_problems_and_change_nothing() {
        String id = api.createFromPrompt(PROMPT);
        String labels = "/v1/classifiers/" + id + "/labels";
        String a = TestPhotos.ALL.get(0).id();
        String b = TestPhotos.ALL.get(1).id();

        problem(api.post(labels, Map.of("positive", List.of(a), "negative", List.of(a, b))), 400)
                .body("title", allOf(containsString(a), containsString("both")));
        problem(api.post(labels, Map.of("positive", List.of(a), "remove", List.of(a))), 400);
        problem(api.post(labels, Map.of()), 400);
        problem(api.post(labels, Map.of("positive", List.of(), "negative", List.of())), 400);
        problem(api.post(labels, Map.of("positive", List.of(" "))), 400).body("field", equalTo("positive[0]"));
        problem(api.post(labels, Map.of("positive", Collections.nCopies(1001, a))), 400);
        problem(
                        api.post(
                                labels,
                                Map.of("positive", List.of(a), "negative", List.of("ghost-1.jpg", "ghost-2.jpg"))),
                        404)
                .body("type", containsString("unknown-photo"))
                .body("title", allOf(containsString("ghost-1.jpg"), containsString("ghost-2.jpg")));
        problem(
                api.request()
                        .contentType(ContentType.JSON)
                        .body("{\"positive\": 3}")
                        .post(labels),
                400);
        problem(api.request().contentType(ContentType.JSON).post(labels), 400);

        JsonPath session = api.session(id);
        assertThat(session.getLong("labels.positive") + session.getLong("labels.negative"))
                .as("no bad request labelled anything")
                .isZero();
    }

    @Test
    void training_without_labels_is_a_409_problem() {
        String id = api.createFromPrompt(PROMPT);

        problem(api.request().post("/v1/classifiers/" + id + "/train"), 409)
                .body("reason", equalTo("NO_LABELS"))
                .body("title", containsString("label some candidates"));
        assertThat(api.session(id).getInt("round")).isZero();
    }

    @Test
    void bad_candidate_and_apply_parameters_are_400_problems_naming_the_field() {
        String id = api.createFromPrompt(PROMPT);
        String candidates = "/v1/classifiers/" + id + "/candidates";
        String apply = "/v1/classifiers/" + id + "/apply";

        for (String limit : List.of("0", "101", "ten")) {
            problem(api.request().queryParam("limit", limit).get(candidates), 400)
                    .body("field", equalTo("limit"));
        }
        for (String boundary : List.of("-0.1", "1.5", "half")) {
            problem(api.request().queryParam("boundary", boundary).get(candidates), 400)
                    .body("field", equalTo("boundary"));
        }
        for (double threshold : List.of(0.0, 1.0, 1.5, -1.0)) {
            problem(api.post(apply, Map.of("threshold", threshold)), 400).body("field", equalTo("threshold"));
        }
        for (long limit : List.of(-1L, 1001L)) {
            problem(api.post(apply, Map.of("limit", limit)), 400).body("field", equalTo("limit"));
        }
        for (String tag : List.of("", " ", "t".repeat(257), "line\nbreak")) {
            problem(api.post(apply, Map.of("tag", tag)), 400).body("field", equalTo("tag"));
        }
        problem(
                api.request()
                        .contentType(ContentType.JSON)
                        .body("{\"limit\": \"many\"}")
                        .post(apply),
                400);
    }

    @Test
    void candidates_may_mix_in_photos_near_the_decision_boundary() {
        String id = api.createFromPrompt(PROMPT);

        JsonPath mixed = api.request()
                .queryParam("limit", 4)
                .queryParam("boundary", 0.5)
                .get("/v1/classifiers/" + id + "/candidates")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(mixed.getList("candidates.boundary", Boolean.class))
                .containsExactlyInAnyOrder(false, false, true, true);
    }

    @Test
    void imports_of_another_model_or_dimension_are_409_and_malformed_ones_400() {
        String id = api.createFromPrompt(PROMPT);
        Map<String, Object> export = new HashMap<>(api.export(id).getMap("$"));
        String imports = "/v1/classifiers/import";

        Map<String, Object> otherModel = new HashMap<>(export);
        otherModel.put("modelId", "clip-vit-base-patch32");
        problem(api.post(imports, otherModel), 409).body("reason", equalTo("OTHER_MODEL"));
        Map<String, Object> otherDimension = new HashMap<>(export);
        otherDimension.put("dimension", 8);
        otherDimension.put("weights", Collections.nCopies(8, 0.5));
        problem(api.post(imports, otherDimension), 409).body("reason", equalTo("OTHER_DIMENSION"));

        problem(api.post(imports, with(export, "format", "something/2")), 400).body("field", equalTo("format"));
        problem(api.post(imports, with(export, "weights", List.of(1, 2, 3))), 400)
                .body("field", equalTo("weights"));
        problem(api.post(imports, with(export, "weights", Collections.nCopies(TestPhotos.DIMENSIONS, 0))), 400)
                .body("field", equalTo("weights"));
        problem(api.post(imports, with(export, "threshold", 2)), 400).body("field", equalTo("threshold"));
        problem(api.post(imports, with(export, "scale", -1)), 400).body("field", equalTo("scale"));
        problem(api.post(imports, with(export, "modelId", null)), 400).body("field", equalTo("modelId"));
        problem(api.post(imports, with(export, "weights", "many")), 400);
        problem(api.request().contentType(ContentType.JSON).body("[1, 2]").post(imports), 400);
        problem(api.request().contentType(ContentType.JSON).post(imports), 400);
        problem(
                api.request()
                        .queryParam("collection", "no_such_collection")
                        .contentType(ContentType.JSON)
                        .body(export)
                        .post(imports),
                404);
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(map);
        copy.put(key, value);
        return copy;
    }
}
