package dev.loupe.deploy.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract on the real files: every setting deploy/helm/loupe (default, CPU and GPU values),
 * docker-compose.yml (alone and with the GPU override), the images and ./loupe cluster give a service
 * is a key the packaged service reads, and each sets what a distributed deployment must.
 */
class DeployContractTest {

    static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    static final Path CHART = REPOSITORY.resolve("deploy/helm/loupe");
    /** The chart refuses to render without a password or an existingSecret. */
    static final List<String> PASSWORD = List.of("--set", "secrets.postgresPassword=contract");

    static Map<String, ServiceKeys> services;
    static DeployTools tools;
    static Deployments.Images images;

    @BeforeAll
    static void readServicesAndTools() {
        services = new TreeMap<>();
        for (String service : Deployments.SERVICES) {
            services.put(
                    service,
                    ServiceKeys.read(service, REPOSITORY.resolve(service).resolve("target/quarkus-app")));
        }
        tools = DeployTools.install(REPOSITORY);
        images = Deployments.Images.read(REPOSITORY);
    }

    static Stream<Arguments> chartValues() {
        return Stream.of(
                Arguments.of("values.yaml", PASSWORD),
                Arguments.of(
                        "values-cpu.yaml",
                        concat(
                                PASSWORD,
                                List.of("-f", CHART.resolve("values-cpu.yaml").toString()))),
                Arguments.of(
                        "values-gpu.yaml",
                        List.of("-f", CHART.resolve("values-gpu.yaml").toString())));
    }

    @ParameterizedTest(name = "helm chart with {0}")
    @MethodSource("chartValues")
    void the_chart_sets_only_keys_the_services_read(String values, List<String> arguments) {
        List<Settings> settings =
                Deployments.helm(tools.helmTemplate(CHART, arguments), "chart (" + values + ")", images);

        assertEveryServiceOnce(settings);
        assertThat(violations(settings)).isEmpty();
    }

    @Test
    void the_compose_files_set_only_keys_the_services_read() {
        Path env = REPOSITORY.resolve(".env.example");
        Path compose = REPOSITORY.resolve("docker-compose.yml");
        List<Settings> plain =
                Deployments.compose(tools.composeConfig(env, List.of(compose)), "docker-compose.yml", images);
        List<Settings> gpu = Deployments.compose(
                tools.composeConfig(env, List.of(compose, REPOSITORY.resolve("docker-compose.gpu.yml"))),
                "docker-compose.yml + docker-compose.gpu.yml",
                images);

        assertEveryServiceOnce(plain);
        assertEveryServiceOnce(gpu);
        assertThat(violations(plain)).isEmpty();
        assertThat(violations(gpu)).isEmpty();
        assertThat(gpu.stream()
                        .filter(s -> s.service().equals("embedder-service"))
                        .findFirst()
                        .orElseThrow()
                        .environment())
                .containsEntry("LOUPE_EMBEDDER_RUNTIME_PROVIDER", "cuda");
    }

    @Test
    void the_cluster_launcher_sets_only_keys_the_services_read(@TempDir Path data) {
        List<Settings> settings = Deployments.cluster(REPOSITORY, data);

        assertEveryServiceOnce(settings);
        assertThat(violations(settings)).isEmpty();
    }

    @Test
    void a_property_renamed_in_a_service_fails_every_deployment_that_sets_it() {
        ServiceKeys search = services.get("search-service");
        List<ConfigKey> renamed = search.keys().stream()
                .map(key -> key.name().equals("loupe.store.milvus.uri")
                        ? new ConfigKey(
                                "loupe.store.milvus.url",
                                key.required(),
                                key.defaultValue(),
                                key.allowed(),
                                key.fixedAtBuildTime(),
                                key.origin())
                        : key)
                .toList();
        ServiceKeys afterRename = new ServiceKeys("search-service", renamed, search.packaged());
        Settings compose = Deployments.compose(
                        tools.composeConfig(
                                REPOSITORY.resolve(".env.example"), List.of(REPOSITORY.resolve("docker-compose.yml"))),
                        "docker-compose.yml",
                        images)
                .stream()
                .filter(s -> s.service().equals("search-service"))
                .findFirst()
                .orElseThrow();
        Settings chart = Deployments.helm(tools.helmTemplate(CHART, PASSWORD), "chart", images).stream()
                .filter(s -> s.service().equals("search-service"))
                .findFirst()
                .orElseThrow();

        assertThat(ConfigContract.violations(afterRename, compose, List.of()))
                .containsExactly("docker-compose.yml service search (search-service): LOUPE_STORE_MILVUS_URI is not a"
                        + " key search-service reads; did you mean LOUPE_STORE_MILVUS_URL?");
        assertThat(ConfigContract.violations(afterRename, chart, List.of()))
                .containsExactly("chart Deployment loupe-search (search-service): loupe.store.milvus.uri is not a key"
                        + " search-service reads; did you mean loupe.store.milvus.url?");
    }

    @Test
    void a_misspelt_key_in_the_chart_values_is_caught() {
        List<String> arguments = concat(PASSWORD, List.of("--set", "search.config.loupe\\.limits\\.max-text-char=100"));
        List<Settings> settings = Deployments.helm(tools.helmTemplate(CHART, arguments), "chart", images);

        assertThat(violations(settings))
                .containsExactly("chart Deployment loupe-search (search-service): loupe.limits.max-text-char is not a"
                        + " key search-service reads; did you mean loupe.limits.max-text-chars?");
    }

    @Test
    void the_packaged_services_expose_their_own_keys() {
        assertThat(services.get("search-service").property("loupe.store.milvus.uri"))
                .isPresent();
        assertThat(services.get("indexer-service").property("loupe.kafka.client.security.protocol"))
                .isPresent();
        assertThat(services.get("indexer-service").property("loupe.store.milvus.uri"))
                .isEmpty();
        assertThat(services.get("embedder-service").environment("QUARKUS_DATASOURCE_PASSWORD"))
                .isEmpty();
        assertThat(services.get("search-service").environment("QUARKUS_DATASOURCE_PASSWORD"))
                .isPresent();
        assertThat(services.get("embedder-service")
                        .named("loupe.embedder.runtime.provider")
                        .allowed())
                .containsExactlyInAnyOrder("CPU", "CUDA");
    }

    @Test
    void the_images_environment_is_read_from_their_dockerfiles() {
        assertThat(images.service())
                .containsEntry("QUARKUS_HTTP_PORT", "8080")
                .containsEntry("DJL_OFFLINE", "true")
                .doesNotContainKey("LOUPE_EMBEDDER_RUNTIME_PROVIDER");
        assertThat(images.cuda())
                .containsEntry("LOUPE_EMBEDDER_RUNTIME_PROVIDER", "cuda")
                .containsEntry("PATH", "${JAVA_HOME}/bin:${PATH}");
        assertThat(violations(List.of(Settings.environment("image", "embedder-service", images.cuda())
                        .over(Map.of()))))
                .containsExactly("image (embedder-service): loupe.embedder.models-dir"
                        + " (LOUPE_EMBEDDER_MODELS_DIR) is not set; embedder-service's default (models) only fits a"
                        + " single machine");
    }

    private static List<String> violations(List<Settings> settings) {
        List<String> violations = new ArrayList<>();
        for (Settings setting : settings) {
            violations.addAll(ConfigContract.violations(
                    services.get(setting.service()),
                    setting,
                    ConfigContract.DISTRIBUTED_MUST_SET.get(setting.service())));
        }
        return violations;
    }

    private static void assertEveryServiceOnce(List<Settings> settings) {
        assertThat(settings).extracting(Settings::service).containsExactlyInAnyOrderElementsOf(Deployments.SERVICES);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
