package dev.loupe.search.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The default prompt templates: OpenAI's 80 ImageNet templates ("a bad photo of a {}.", ...). */
public final class PromptTemplates {

    /** Where a label goes in a template. */
    public static final String PLACEHOLDER = "{}";

    private static final String RESOURCE = "imagenet-templates.txt";

    /** The 80 templates of CLIP's ImageNet prompt-engineering notebook, in its order. */
    public static final List<String> IMAGENET = load();

    private PromptTemplates() {}

    /** {@code template} with every {@code {}} replaced by {@code label}. */
    public static String fill(String template, String label) {
        return template.replace(PLACEHOLDER, label);
    }

    private static List<String> load() {
        InputStream in = PromptTemplates.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
