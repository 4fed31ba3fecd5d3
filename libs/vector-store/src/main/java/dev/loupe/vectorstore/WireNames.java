package dev.loupe.vectorstore;

import java.util.Arrays;
import java.util.Locale;

/** How the API writes the constants of its choice enums: lower case, words joined by hyphens ({@code cjk-bigram}). */
public final class WireNames {

    private WireNames() {}

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant written {@code name} (case and surrounding blanks ignored).
     *
     * @param what what the choice is called in the error ("text analysis")
     * @throws IllegalArgumentException naming the choices
     */
    public static <E extends Enum<E>> E parse(E[] choices, String name, String what) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (E choice : choices) {
            if (of(choice).equals(wanted)) {
                return choice;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "'; use one of "
                + Arrays.stream(choices).map(WireNames::of).toList());
    }
}
