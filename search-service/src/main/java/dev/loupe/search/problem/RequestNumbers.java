package dev.loupe.search.problem;

import dev.loupe.service.problem.Problems;

/**
 * Reads numbers sent as text (query parameters, multipart fields) within bounds. Failures are
 * {@link InvalidRequestException}s naming the field: JAX-RS would answer 404 for an unparsable
 * query parameter.
 */
public final class RequestNumbers {

    private RequestNumbers() {}

    /**
     * @param raw the text, or null/blank for {@code fallback}
     * @throws InvalidRequestException when it is not a whole number in [min, max]
     */
    public static int integer(String field, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw InvalidRequestException.invalid(field, "expected a whole number, got '" + Problems.quote(raw) + "'");
        }
        return integer(field, value, min, max);
    }

    /** @throws InvalidRequestException when {@code value} is outside [min, max] */
    public static int integer(String field, long value, int min, int max) {
        if (value < min) {
            throw InvalidRequestException.invalid(field, "at least " + min + ", got " + value);
        }
        if (value > max) {
            throw InvalidRequestException.invalid(field, "at most " + max + ", got " + value);
        }
        return (int) value;
    }

    /**
     * @param raw the text, or null/blank for null
     * @throws InvalidRequestException when it is not a finite number in [min, max]
     */
    public static Double decimal(String field, String raw, double min, double max) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            throw InvalidRequestException.invalid(field, "expected a number, got '" + Problems.quote(raw) + "'");
        }
        return decimal(field, value, min, max);
    }

    /** @throws InvalidRequestException when {@code value} is not finite or outside [min, max] */
    public static double decimal(String field, double value, double min, double max) {
        if (!Double.isFinite(value) || value < min || value > max) {
            throw InvalidRequestException.invalid(
                    field, "expected a number from " + min + " to " + max + ", got " + value);
        }
        return value;
    }
}
