package dev.loupe.deploy.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.loupe.cluster.Cluster;
import dev.loupe.cluster.Launch;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what each deployment gives the services: the rendered Helm chart (container environment and the
 * mounted application.properties), the resolved Compose project, the images' {@code ENV}s and the
 * environments of {@code ./loupe cluster}.
 */
public final class Deployments {

    /** The services, by the image repository each runs from. */
    public static final List<String> SERVICES = List.of("embedder-service", "indexer-service", "search-service");

    private static final Pattern SERVICE_IMAGE = Pattern.compile("(embedder-service|indexer-service|search-service)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());

    private Deployments() {}

    /**
     * Each Loupe container of a rendered chart, with the ConfigMaps it mounts as {@code config/}
     * resolved into properties, over the environment of its image.
     */
    public static List<Settings> helm(String rendered, String source, Images images) {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.createParser(new StringReader(rendered))) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !(node instanceof NullNode) && node.has("kind")) {
                    documents.add(node);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("helm template printed what is not YAML", e);
        }
        Map<String, JsonNode> configMaps = new HashMap<>();
        documents.stream()
                .filter(d -> d.path("kind").asText().equals("ConfigMap"))
                .forEach(d -> configMaps.put(d.path("metadata").path("name").asText(), d));
        List<Settings> settings = new ArrayList<>();
        for (JsonNode deployment : documents) {
            if (!deployment.path("kind").asText().equals("Deployment")) {
                continue;
            }
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            for (JsonNode container : pod.path("containers")) {
                String image = container.path("image").asText();
                Optional<String> service = service(image);
                if (service.isEmpty()) {
                    continue;
                }
                Map<String, String> environment = new LinkedHashMap<>();
                for (JsonNode variable : container.path("env")) {
                    environment.put(
                            variable.path("name").asText(),
                            variable.has("value") ? variable.path("value").asText() : null);
                }
                Map<String, String> properties = new LinkedHashMap<>();
                for (JsonNode mount : container.path("volumeMounts")) {
                    if (!mount.path("mountPath").asText().endsWith("/config")) {
                        continue;
                    }
                    for (JsonNode volume : pod.path("volumes")) {
                        if (volume.path("name")
                                        .asText()
                                        .equals(mount.path("name").asText())
                                && volume.has("configMap")) {
                            JsonNode configMap = configMaps.get(
                                    volume.path("configMap").path("name").asText());
                            if (configMap == null) {
                                throw new IllegalStateException("Deployment "
                                        + deployment.path("metadata").path("name")
                                        + " mounts ConfigMap "
                                        + volume.path("configMap").path("name")
                                        + ", which the chart does not render");
                            }
                            properties.putAll(properties(configMap
                                    .path("data")
                                    .path("application.properties")
                                    .asText()));
                        }
                    }
                }
                String name = source + " Deployment "
                        + deployment.path("metadata").path("name").asText();
                settings.add(new Settings(name, service.get(), environment, properties).over(images.of(image)));
            }
        }
        return settings;
    }

    /** Each Loupe service of a resolved Compose project (compose-check's JSON), over its image's environment. */
    public static List<Settings> compose(String projectJson, String source, Images images) {
        JsonNode project;
        try {
            project = JSON.readTree(projectJson);
        } catch (IOException e) {
            throw new UncheckedIOException("compose-check printed what is not JSON", e);
        }
        List<Settings> settings = new ArrayList<>();
        project.path("services").properties().forEach(entry -> {
            String image = entry.getValue().path("image").asText();
            service(image).ifPresent(service -> {
                Map<String, String> environment = new LinkedHashMap<>();
                entry.getValue()
                        .path("environment")
                        .properties()
                        .forEach(variable -> environment.put(
                                variable.getKey(),
                                variable.getValue().isNull()
                                        ? null
                                        : variable.getValue().asText()));
                settings.add(Settings.environment(source + " service " + entry.getKey(), service, environment)
                        .over(images.of(image)));
            });
        });
        return settings;
    }

    /** The embedder, indexer and first search replica as {@code ./loupe cluster up} would start them. */
    public static List<Settings> cluster(Path repository, Path dataDir) {
        Map<String, Launch> plan = Cluster.plan(new Cluster.Options(
                repository, dataDir, 1, repository.resolve("models"), List.of(repository.resolve("demo"))));
        Map<String, String> services =
                Map.of("embedder", "embedder-service", "indexer", "indexer-service", "search-0", "search-service");
        List<Settings> settings = new ArrayList<>();
        services.forEach((component, service) -> {
            Launch launch = plan.get(component);
            if (launch == null) {
                throw new IllegalStateException("./loupe cluster plans no " + component + ": " + plan.keySet());
            }
            settings.add(Settings.environment("./loupe cluster " + component, service, launch.environment()));
        });
        return settings;
    }

    /** The service an image runs: {@code loupe/search-service:0.1.0} → {@code search-service}. */
    static Optional<String> service(String image) {
        Matcher matcher = SERVICE_IMAGE.matcher(image);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static Map<String, String> properties(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(name -> out.put(name, properties.getProperty(name)));
        return out;
    }

    /**
     * The environment the images set ({@code ENV} in deploy/docker's Dockerfiles): the CUDA embedder's
     * for images tagged {@code -cuda}, the service image's for the others.
     */
    public record Images(Map<String, String> service, Map<String, String> cuda) {

        public static Images read(Path repository) {
            return new Images(
                    environment(repository.resolve("deploy/docker/Dockerfile")),
                    environment(repository.resolve("deploy/docker/Dockerfile.embedder-cuda")));
        }

        Map<String, String> of(String image) {
            return image.endsWith("-cuda") ? cuda : service;
        }

        /** The {@code ENV key=value ...} instructions of a Dockerfile (continuation lines joined). */
        static Map<String, String> environment(Path dockerfile) {
            String text;
            try {
                text = Files.readString(dockerfile).replaceAll("\\\\\\r?\\n", " ");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> environment = new LinkedHashMap<>();
            Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)");
            for (String line : text.lines().toList()) {
                String trimmed = line.strip();
                if (!trimmed.regionMatches(true, 0, "ENV ", 0, 4)) {
                    continue;
                }
                Matcher matcher = pair.matcher(trimmed.substring(4));
                while (matcher.find()) {
                    environment.put(matcher.group(1), matcher.group(2).replaceAll("^\"|\"$", ""));
                }
            }
            return environment;
        }
    }
}
