package dev.loupe.search.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.search.GoldenPhotosResource;
import dev.loupe.search.StandaloneJar;
import dev.loupe.search.TestDirectories;
import dev.loupe.search.TestPhotos;
import dev.loupe.testkit.ServiceProcess;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Classifier sessions survive restarts of the packaged service on the same data directory: the session,
 * its labels, its trained classifier and its last round are there after a graceful stop (SIGTERM) and
 * after a crash (SIGKILL), and candidates still leave out every labelled photo.
 */
class ClassifierRestartIT {

    private Path dataDir;
    private ServiceProcess service;

    @BeforeEach
    void goldenPhotos() throws Exception {
        dataDir = Files.createTempDirectory("loupe-classifier-restart-it");
        GoldenPhotosResource.writeLuceneDataDir(dataDir);
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (service != null) {
            service.close();
        }
        TestDirectories.delete(dataDir);
    }

    @Test
    void sessions_labels_and_trained_classifiers_survive_a_stop_and_a_crash() throws Exception {
        ClassifierApi api = start();
        String id = api.createFromPrompt("a photo of a dog");
        List<String> labelled = new ArrayList<>(api.labelNextCandidates(id, 5));
        JsonPath trained = api.train(id);
        JsonPath before = api.session(id);
        JsonPath labelsBefore = api.labels(id);
        List<Float> weightsBefore = api.export(id).getList("weights", Float.class);

        assertThat(service.stop()).as("the service stops gracefully on SIGTERM").isTrue();
        api = start();

        JsonPath after = api.session(id);
        assertThat(after.getMap("$")).isEqualTo(before.getMap("$"));
        assertThat(after.getMap("lastTraining")).isEqualTo(trained.getMap("$"));
        assertThat(api.labels(id).getMap("$")).isEqualTo(labelsBefore.getMap("$"));
        assertThat(api.export(id).getList("weights", Float.class)).isEqualTo(weightsBefore);
        assertThat(api.candidateIds(id, 100))
                .hasSize(TestPhotos.ALL.size() - labelled.size())
                .noneMatch(labelled::contains);

        labelled.addAll(api.labelNextCandidates(id, 3));
        JsonPath second = api.train(id);
        service.kill(); // SIGKILL: no shutdown hook runs
        api = start();

        JsonPath crashed = api.session(id);
        assertThat(crashed.getInt("round")).isEqualTo(2);
        assertThat(crashed.getMap("lastTraining")).isEqualTo(second.getMap("$"));
        assertThat(crashed.getLong("labels.positive") + crashed.getLong("labels.negative"))
                .isEqualTo(labelled.size());
        assertThat(api.candidateIds(id, 100))
                .hasSize(TestPhotos.ALL.size() - labelled.size())
                .noneMatch(labelled::contains);
        assertThat(api.request().get("/v1/classifiers").jsonPath().getList("classifiers.id", String.class))
                .containsExactly(id);
    }

    private ClassifierApi start() throws Exception {
        service = StandaloneJar.start(dataDir, "classifier-restart-it.log");
        return ClassifierApi.at(service.url());
    }
}
