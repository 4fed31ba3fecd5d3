package dev.loupe.deploy.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract's rules on mappings of its own: each way a deployment can drift from a service. */
class ConfigContractTest {

    enum Mode {
        STANDALONE,
        DISTRIBUTED
    }

    /** A service before a rename: {@code loupe.store.milvus.uri}. */
    @ConfigMapping(prefix = "loupe")
    interface Before {
        @WithDefault("standalone")
        Mode mode();

        Store store();

        Map<String, String> client();

        Optional<Duration> timeout();

        interface Store {
            Milvus milvus();
        }

        interface Milvus {
            @WithDefault("http://localhost:19530")
            String uri();
        }
    }

    /** The same service after {@code uri} became {@code url}, and with a key that has no default. */
    @ConfigMapping(prefix = "loupe")
    interface After {
        @WithDefault("standalone")
        Mode mode();

        Store store();

        String region();

        interface Store {
            Milvus milvus();
        }

        interface Milvus {
            @WithName("url")
            @WithDefault("http://localhost:19530")
            String uri();
        }
    }

    /** Groups flattened into their parent, defaults redeclared by a sub-interface. */
    @ConfigMapping(prefix = "svc")
    interface Flattened {
        @WithParentName
        Batching batching();

        interface Common {
            @WithDefault("32")
            int maxBatchSize();

            @WithDefault("5ms")
            Duration maxWait();
        }

        interface Batching extends Common {
            @Override
            @WithDefault("2ms")
            Duration maxWait();
        }
    }

    private static final Settings DEPLOYMENT = Settings.environment(
            "compose service search",
            "search-service",
            Map.of("LOUPE_MODE", "distributed", "LOUPE_STORE_MILVUS_URI", "http://milvus:19530"));

    @Test
    void settings_that_are_keys_of_the_service_pass() {
        ServiceKeys before = ServiceKeys.of("search-service", List.of(Before.class), Map.of());

        assertThat(ConfigContract.violations(before, DEPLOYMENT, List.of("loupe.store.milvus.uri")))
                .isEmpty();
    }

    @Test
    void a_renamed_property_fails_the_deployment_that_still_sets_the_old_name() {
        ServiceKeys after = ServiceKeys.of("search-service", List.of(After.class), Map.of("loupe.region", "eu"));

        assertThat(ConfigContract.violations(after, DEPLOYMENT, List.of("loupe.store.milvus.url")))
                .containsExactly(
                        "compose service search (search-service): LOUPE_STORE_MILVUS_URI is not a key search-service"
                                + " reads; did you mean LOUPE_STORE_MILVUS_URL?",
                        "compose service search (search-service): loupe.store.milvus.url (LOUPE_STORE_MILVUS_URL) is"
                                + " not set; search-service's default (http://localhost:19530) only fits a single"
                                + " machine");
    }

    @Test
    void a_key_without_default_must_be_set_unless_application_properties_sets_it() {
        ServiceKeys unset = ServiceKeys.of("search-service", List.of(After.class), Map.of());
        Settings settings = Settings.environment("chart", "search-service", Map.of("LOUPE_STORE_MILVUS_URL", "x"));

        assertThat(ConfigContract.violations(unset, settings, List.of()))
                .containsExactly("chart (search-service): loupe.region (LOUPE_REGION) has no default in"
                        + " search-service and is not set");
        assertThat(ConfigContract.violations(
                        ServiceKeys.of("search-service", List.of(After.class), Map.of("loupe.region", "eu")),
                        settings,
                        List.of()))
                .isEmpty();
    }

    @Test
    void an_enum_value_the_service_does_not_accept_fails_and_case_or_dashes_do_not() {
        ServiceKeys keys = ServiceKeys.of("search-service", List.of(Before.class), Map.of());

        assertThat(ConfigContract.violations(
                        keys,
                        Settings.environment("cluster", "search-service", Map.of("LOUPE_MODE", "distribute")),
                        List.of()))
                .containsExactly(
                        "cluster (search-service): LOUPE_MODE=distribute is not one of" + " [STANDALONE, DISTRIBUTED]");
        assertThat(ConfigContract.violations(
                        keys,
                        new Settings("chart", "search-service", Map.of(), Map.of("loupe.mode", "Distributed")),
                        List.of()))
                .isEmpty();
    }

    @Test
    void a_variable_no_one_reads_fails_and_the_jvm_and_image_variables_pass() {
        ServiceKeys keys = ServiceKeys.of("search-service", List.of(Before.class), Map.of());
        Settings settings = Settings.environment(
                "compose",
                "search-service",
                Map.of("LOUP_MODE", "distributed", "DJL_OFFLINE", "true", "JAVA_TOOL_OPTIONS", "-Xmx1g"));

        assertThat(ConfigContract.violations(keys, settings, List.of()))
                .containsExactly("compose (search-service): LOUP_MODE is read neither by search-service nor by its"
                        + " JVM or image; did you mean LOUPE_MODE?");
    }

    @Test
    void map_keys_optionals_and_secret_values_are_keys() {
        ServiceKeys keys = ServiceKeys.of("search-service", List.of(Before.class), Map.of());
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        environment.put("LOUPE_CLIENT_SECURITY_PROTOCOL", "SASL_SSL");
        environment.put("LOUPE_TIMEOUT", null); // from a Secret: named, value unknown here
        Settings settings =
                new Settings("chart", "search-service", environment, Map.of("loupe.client.sasl.mechanism", "PLAIN"));

        assertThat(ConfigContract.violations(keys, settings, List.of())).isEmpty();
        assertThat(keys.property("loupe.timeout")).map(ConfigKey::required).contains(false);
    }

    @Test
    void parent_names_and_redeclared_defaults_follow_smallrye() {
        ServiceKeys keys = ServiceKeys.of("svc", List.of(Flattened.class), Map.of());

        assertThat(keys.keys())
                .extracting(ConfigKey::name)
                .containsExactlyInAnyOrder("svc.max-batch-size", "svc.max-wait");
        assertThat(keys.named("svc.max-wait").defaultValue()).contains("2ms");
        assertThat(MappingKeys.kebab("efConstruction")).isEqualTo("ef-construction");
        assertThat(MappingKeys.kebab("m")).isEqualTo("m");
    }

    @Test
    void quarkus_keys_come_from_the_extension_config_model_and_build_time_ones_are_refused() throws Exception {
        String model = """
                {"configRoots": [{"items": [
                  {"@class": "ConfigProperty", "phase": "RUN_TIME", "defaultValue": "8080",
                   "path": {"property": "quarkus.http.port"}},
                  {"@class": "ConfigSection", "items": [
                    {"@class": "ConfigProperty", "phase": "RUN_TIME",
                     "path": {"property": "quarkus.datasource.username"},
                     "additionalPaths": [{"property": "quarkus.datasource.\\"datasource-name\\".username"}]},
                    {"@class": "ConfigProperty", "phase": "BUILD_AND_RUN_TIME_FIXED",
                     "path": {"property": "quarkus.datasource.db-kind"}}]}]}]}
                """;
        List<ConfigKey> quarkus = QuarkusConfigModel.of(new ObjectMapper().readTree(model), "test");
        ServiceKeys keys = new ServiceKeys("indexer-service", quarkus, Map.of());
        Settings settings = Settings.environment(
                "chart",
                "indexer-service",
                Map.of(
                        "QUARKUS_HTTP_PORT", "8080",
                        "QUARKUS_DATASOURCE_USERNAME", "loupe",
                        "QUARKUS_DATASOURCE_JOBS_USERNAME", "loupe",
                        "QUARKUS_DATASOURCE_DB_KIND", "mysql",
                        "QUARKUS_HTTP_PORTS", "8080"));

        assertThat(ConfigContract.violations(keys, settings, List.of()))
                .containsExactlyInAnyOrder(
                        "chart (indexer-service): QUARKUS_DATASOURCE_DB_KIND is fixed when indexer-service is built;"
                                + " setting it at run time has no effect",
                        "chart (indexer-service): QUARKUS_HTTP_PORTS is not a key indexer-service reads; did you mean"
                                + " QUARKUS_HTTP_PORT?");
        assertThat(keys.environment("QUARKUS_DATASOURCE_USERNAME"))
                .map(ConfigKey::name)
                .contains("quarkus.datasource.username");
    }
}
