package dev.loupe.classifier.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's bundled random-weight CLIP model, found from the module directory tests run in. */
final class TinyModel {

    private TinyModel() {}

    static Path bundle() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path bundle = dir.resolve("models/clip-tiny-random");
            if (Files.isDirectory(bundle)) {
                return bundle;
            }
        }
        throw new IllegalStateException(
                "models/clip-tiny-random not found above " + Path.of("").toAbsolutePath());
    }
}
