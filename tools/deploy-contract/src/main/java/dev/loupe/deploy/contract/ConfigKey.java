package dev.loupe.deploy.contract;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One configuration key a service reads. The name is a property pattern: a {@code *} segment stands for
 * one map key ({@code quarkus.datasource.*.username}), a trailing {@code **} for the keys of a map of
 * values ({@code loupe.kafka.client.**}).
 *
 * @param name the property pattern
 * @param required whether the service fails to start without a value (no default, not optional)
 * @param defaultValue the value it has when nothing sets it
 * @param allowed the values an enum accepts (empty: any)
 * @param fixedAtBuildTime a Quarkus key whose value is baked into the build; setting it at run time
 *     does nothing
 * @param origin where the key is declared (a mapping interface, an extension, application.properties)
 */
public record ConfigKey(
        String name,
        boolean required,
        Optional<String> defaultValue,
        List<String> allowed,
        boolean fixedAtBuildTime,
        String origin) {

    public ConfigKey {
        allowed = List.copyOf(allowed);
    }

    /** Whether a property (dotted, as in application.properties) is this key. */
    public boolean matchesProperty(String property) {
        return propertyPattern().matcher(property).matches();
    }

    /** Whether an environment variable ({@code LOUPE_EMBEDDER_URL}) sets this key. */
    public boolean matchesEnvironment(String variable) {
        return environmentPattern().matcher(variable).matches();
    }

    /** The environment variable of this key, with {@code *} where a map key goes. */
    public String environmentName() {
        return toEnvironment(name);
    }

    /** Whether an enum key accepts a value, the way SmallRye Config converts one (case and - or _ ignored). */
    public boolean accepts(String value) {
        if (allowed.isEmpty()) {
            return true;
        }
        String wanted = normalise(value);
        return allowed.stream().anyMatch(candidate -> normalise(candidate).equals(wanted));
    }

    /** Upper snake case, the mapping SmallRye Config applies to environment variables. */
    static String toEnvironment(String property) {
        StringBuilder out = new StringBuilder();
        for (char c : property.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) || c == '*' ? Character.toUpperCase(c) : '_');
        }
        return out.toString();
    }

    private Pattern propertyPattern() {
        StringBuilder regex = new StringBuilder();
        String[] segments = name.split("\\.", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                regex.append("\\.");
            }
            regex.append(
                    switch (segments[i]) {
                        case "**" -> ".+";
                        case "*" -> "(?:\"[^\"]+\"|[^.\"]+)";
                        default -> Pattern.quote(segments[i]);
                    });
        }
        return Pattern.compile(regex.toString());
    }

    private Pattern environmentPattern() {
        String[] parts = environmentName().replace("**", "*").split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }

    private static String normalise(String value) {
        return value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
