package dev.loupe.deploy.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The {@code quarkus.*} keys of the extensions a service ships, from the config model each runtime
 * extension jar carries ({@code META-INF/quarkus-config-doc/quarkus-config-model.json}, written by
 * Quarkus' annotation processor). Build-time-only roots live in deployment jars, which a packaged
 * service does not have: such a key is unknown to it, as it should be. Quarkus declares many run-time
 * keys without a default that still have one at run time, so none is taken as required.
 */
final class QuarkusConfigModel {

    static final String ENTRY = "META-INF/quarkus-config-doc/quarkus-config-model.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private QuarkusConfigModel() {}

    /** The keys in one jar's config model; none when it has no model. */
    static List<ConfigKey> of(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry(ENTRY);
            if (entry == null) {
                return List.of();
            }
            try (InputStream in = file.getInputStream(entry)) {
                return of(JSON.readTree(in), jar.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the config model of " + jar, e);
        }
    }

    static List<ConfigKey> of(JsonNode model, String origin) {
        List<ConfigKey> keys = new ArrayList<>();
        for (JsonNode root : model.path("configRoots")) {
            items(root.path("items"), origin, keys);
        }
        return keys;
    }

    private static void items(JsonNode items, String origin, List<ConfigKey> keys) {
        for (JsonNode item : items) {
            if (item.has("items")) {
                items(item.path("items"), origin, keys);
                continue;
            }
            List<String> allowed = new ArrayList<>();
            item.path("enumAcceptedValues")
                    .path("values")
                    .forEach(value -> allowed.add(value.path("configValue").asText()));
            boolean fixed = !"RUN_TIME".equals(item.path("phase").asText());
            Optional<String> defaultValue = item.hasNonNull("defaultValue")
                    ? Optional.of(item.path("defaultValue").asText())
                    : Optional.empty();
            List<String> paths = new ArrayList<>();
            paths.add(item.path("path").path("property").asText());
            item.path("additionalPaths")
                    .forEach(path -> paths.add(path.path("property").asText()));
            for (String path : paths) {
                if (!path.isEmpty()) {
                    keys.add(new ConfigKey(pattern(path), false, defaultValue, allowed, fixed, origin));
                }
            }
        }
    }

    /** {@code quarkus.datasource."datasource-name".username} → {@code quarkus.datasource.*.username}. */
    static String pattern(String property) {
        return property.replaceAll("\"[^\"]*\"", "*");
    }
}
