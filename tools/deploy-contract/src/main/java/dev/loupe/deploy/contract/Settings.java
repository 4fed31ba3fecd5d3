package dev.loupe.deploy.contract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one deployment gives one service: environment variables and properties (a mounted
 * application.properties). A value is {@code null} where the deployment names the setting but its
 * value comes from elsewhere at run time (a Kubernetes Secret).
 *
 * @param source where the settings are written ({@code docker-compose.yml service search})
 * @param service the service they are for ({@code search-service})
 */
public record Settings(String source, String service, Map<String, String> environment, Map<String, String> properties) {

    public Settings {
        environment = unmodifiableCopy(environment);
        properties = unmodifiableCopy(properties);
    }

    public static Settings environment(String source, String service, Map<String, String> environment) {
        return new Settings(source, service, environment, Map.of());
    }

    /** These settings over an image's: what the process sees, the deployment's values winning. */
    public Settings over(Map<String, String> imageEnvironment) {
        Map<String, String> merged = new LinkedHashMap<>(imageEnvironment);
        merged.putAll(environment);
        return new Settings(source, service, merged, properties);
    }

    private static Map<String, String> unmodifiableCopy(Map<String, String> map) {
        // LinkedHashMap rather than Map.copyOf: keeps the order they are written in, and null values
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
