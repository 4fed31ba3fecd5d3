package dev.loupe.encoders.quality;

import dev.loupe.encoders.InferenceException;
import dev.loupe.encoders.ModelBundleException;
import dev.loupe.encoders.UnsupportedModalityException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the harnesses' command lines ({@code ./loupe quality}, {@code ./loupe classifier-eval}) share: the
 * usage on a bad argument, {@code --help}, one line per failure a person can act on, the exit statuses,
 * and writing the report to a file.
 */
public final class HarnessCommand {

    /** Reads a command line. */
    @FunctionalInterface
    public interface Parser<A> {
        /**
         * @return null when help was asked for
         * @throws IllegalArgumentException saying what is wrong
         */
        A parse(String[] args);
    }

    /** Runs a parsed command. */
    @FunctionalInterface
    public interface Body<A> {
        /**
         * @param err receives progress
         * @return the report to print
         */
        String run(A arguments, PrintStream err);
    }

    /** The report could not be written. */
    public static final class ReportException extends RuntimeException {
        ReportException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private HarnessCommand() {}

    /**
     * Parses the arguments and runs the command, printing its report to {@code out}.
     *
     * @param name the command's name, the prefix of its error lines
     * @return the exit status: 0 done, 1 a dataset, model or I/O problem, 2 bad arguments
     */
    public static <A> int run(
            String name,
            String usage,
            String[] args,
            PrintStream out,
            PrintStream err,
            Parser<A> parser,
            Body<A> body) {
        A arguments;
        try {
            arguments = parser.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(name + ": " + e.getMessage());
            err.println(usage);
            return 2;
        }
        if (arguments == null) {
            out.println(usage);
            return 0;
        }
        try {
            out.print(body.run(arguments, err));
            return 0;
        } catch (DatasetException
                | ModelBundleException
                | UnsupportedModalityException
                | InferenceException
                | UncheckedIOException
                | ReportException e) {
            err.println(name + ": " + e.getMessage());
            return 1;
        }
    }

    /**
     * Writes a report, creating its folder.
     *
     * @throws ReportException when it cannot
     */
    public static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportException("cannot write the report to " + file + ": " + e.getMessage(), e);
        }
    }
}
