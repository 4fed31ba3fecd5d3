package dev.loupe.search.problem;

/** Makes a client's value safe to quote back in a message: short and printable. */
public final class ClientText {

    private static final int MAX_QUOTED = 100; // characters of a client's value quoted back

    private ClientText() {}

    /** At most 100 characters of {@code value}, control characters replaced by '?'; "null" for null. */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String printable = value.codePoints()
                .limit(MAX_QUOTED)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return value.codePointCount(0, value.length()) > MAX_QUOTED ? printable + "…" : printable;
    }
}
