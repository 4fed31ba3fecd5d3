package dev.loupe.deploy.contract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration contract between a deployment and a service: every environment variable and
 * property the deployment sets is a key the service reads (with a value it accepts, and not one fixed
 * at build time), and nothing the service needs is missing. {@link #violations} says what breaks it,
 * one sentence each, naming the nearest key the service does read.
 */
public final class ConfigContract {

    /**
     * Variables a deployment may set that are no service's config key: read by the JVM, the image or
     * DJL (the tokenizer's native library), or by the NVIDIA container runtime.
     */
    public static final Set<String> PROCESS_VARIABLES = Set.of(
            "JAVA_TOOL_OPTIONS",
            "JDK_JAVA_OPTIONS",
            "JAVA_HOME",
            "PATH",
            "HOME",
            "LANG",
            "TZ",
            "DJL_OFFLINE",
            "DJL_CACHE_DIR",
            "NVIDIA_VISIBLE_DEVICES",
            "NVIDIA_DRIVER_CAPABILITIES");

    /**
     * Keys each service has a default for that is right on one machine only (localhost, standalone):
     * a distributed deployment (compose, the chart, ./loupe cluster) must set them.
     */
    public static final Map<String, List<String>> DISTRIBUTED_MUST_SET = Map.of(
            "embedder-service",
            List.of("loupe.embedder.models-dir"),
            "indexer-service",
            List.of(
                    "loupe.kafka.bootstrap-servers",
                    "loupe.embedder.url",
                    "loupe.milvus.uri",
                    "quarkus.datasource.reactive.url",
                    "quarkus.datasource.username",
                    "quarkus.datasource.password"),
            "search-service",
            List.of(
                    "loupe.mode",
                    "loupe.embedder.url",
                    "loupe.store.milvus.uri",
                    "quarkus.datasource.reactive.url",
                    "quarkus.datasource.username",
                    "quarkus.datasource.password"));

    private ConfigContract() {}

    /** What breaks the contract; empty when the settings are all keys the service reads. */
    public static List<String> violations(ServiceKeys keys, Settings settings, List<String> mustSet) {
        List<String> violations = new ArrayList<>();
        String where = settings.source() + " (" + settings.service() + ")";
        settings.environment().forEach((variable, value) -> {
            boolean configVariable = variable.startsWith("LOUPE_") || variable.startsWith("QUARKUS_");
            if (!configVariable) {
                if (!PROCESS_VARIABLES.contains(variable)) {
                    violations.add(where + ": " + variable + " is read neither by " + keys.service()
                            + " nor by its JVM or image" + suggestion(keys, variable, true));
                }
                return;
            }
            check(keys, variable, value, keys.environment(variable), true, where, violations);
        });
        settings.properties()
                .forEach((property, value) ->
                        check(keys, property, value, keys.property(property), false, where, violations));
        for (ConfigKey required : keys.required()) {
            if (!sets(settings, required)) {
                violations.add(where + ": " + required.name() + " (" + required.environmentName()
                        + ") has no default in " + keys.service() + " and is not set");
            }
        }
        for (String name : mustSet) {
            ConfigKey key = keys.named(name);
            if (!sets(settings, key)) {
                violations.add(where + ": " + name + " (" + key.environmentName() + ") is not set; "
                        + keys.service() + "'s default"
                        + key.defaultValue().map(d -> " (" + d + ")").orElse("")
                        + " only fits a single machine");
            }
        }
        return violations;
    }

    private static void check(
            ServiceKeys keys,
            String setting,
            String value,
            Optional<ConfigKey> key,
            boolean environment,
            String where,
            List<String> violations) {
        if (key.isEmpty()) {
            violations.add(where + ": " + setting + " is not a key " + keys.service() + " reads"
                    + suggestion(keys, setting, environment));
            return;
        }
        if (key.get().fixedAtBuildTime()) {
            violations.add(where + ": " + setting + " is fixed when " + keys.service()
                    + " is built; setting it at run time has no effect");
        }
        if (value != null && !key.get().accepts(value)) {
            violations.add(where + ": " + setting + "=" + value + " is not one of "
                    + key.get().allowed());
        }
    }

    private static boolean sets(Settings settings, ConfigKey key) {
        return settings.environment().keySet().stream().anyMatch(key::matchesEnvironment)
                || settings.properties().keySet().stream().anyMatch(key::matchesProperty);
    }

    /** "; did you mean X?" with the closest key the service reads, when one is close. */
    private static String suggestion(ServiceKeys keys, String setting, boolean environment) {
        Optional<String> closest = keys.keys().stream()
                .map(key -> environment ? key.environmentName() : key.name())
                .filter(name -> !name.contains("*"))
                .min(Comparator.comparingInt(name -> distance(name, setting)));
        return closest.filter(name -> distance(name, setting) <= Math.max(3, setting.length() / 4))
                .map(name -> "; did you mean " + name + "?")
                .orElse("");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
