package dev.loupe.encoders.quality;

import dev.loupe.encoders.ExecutionProvider;
import java.util.Locale;

/** Parses the values of the harnesses' command-line options, with messages that name the option. */
public final class OptionValues {

    private OptionValues() {}

    /** @throws IllegalArgumentException unless {@code value} is a whole number above 0 */
    public static int positive(String option, String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(option + " must be a positive whole number, got '" + value + "'");
    }

    /** @throws IllegalArgumentException unless {@code value} names an execution provider */
    public static ExecutionProvider provider(String option, String value) {
        try {
            return ExecutionProvider.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " must be cpu or cuda, got '" + value + "'");
        }
    }
}
