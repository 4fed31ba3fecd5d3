package dev.loupe.encoders.quality;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A labelled photo folder for zero-shot classification, in the layout of {@code
 * ../shared/datasets/caltech101}:
 *
 * <ul>
 *   <li>{@code classnames.tsv}: {@code folder<TAB>class name} per line, optionally under a {@code
 *       folder<TAB>classname} header; the class name is what the prompts say;
 *   <li>{@code templates.txt}: one prompt template per line, {@code {}} standing for the class name;
 *   <li>a split file (default {@code test.txt}): one image per line, {@code folder/file}, relative
 *       to {@code images/}; the folder is the true class.
 * </ul>
 *
 * @param name the dataset's folder name, for reports
 * @param split the split file's name
 * @param imagesDir the folder the split's paths are relative to
 * @param classes every class the images are classified into (not only those with images in the split)
 * @param templates the prompt templates, each containing {@code {}}
 * @param images the split's images, in file order
 */
public record ZeroShotDataset(
        String name,
        String split,
        Path imagesDir,
        List<ClassLabel> classes,
        List<String> templates,
        List<LabelledImage> images) {

    /** The split file read when none is named. */
    public static final String DEFAULT_SPLIT = "test.txt";

    private static final String CLASS_PLACEHOLDER = "{}";

    /**
     * A class.
     *
     * @param folder the folder its images sit in
     * @param name the name the prompts use
     */
    public record ClassLabel(String folder, String name) {}

    /**
     * An image of the split.
     *
     * @param file its path relative to {@link #imagesDir()}
     * @param label its class, an index into {@link #classes()}
     */
    public record LabelledImage(String file, int label) {}

    public ZeroShotDataset {
        classes = List.copyOf(classes);
        templates = List.copyOf(templates);
        images = List.copyOf(images);
        if (classes.size() < 2) {
            throw new IllegalArgumentException(name + ": zero-shot classification needs at least two classes");
        }
        for (LabelledImage image : images) {
            if (image.label() < 0 || image.label() >= classes.size()) {
                throw new IllegalArgumentException(image.file() + ": label " + image.label() + " out of range");
            }
        }
    }

    /** Reads {@code dir} with the {@link #DEFAULT_SPLIT}. */
    public static ZeroShotDataset read(Path dir) {
        return read(dir, DEFAULT_SPLIT);
    }

    /**
     * Reads the dataset in {@code dir}, checking that every image of the split exists.
     *
     * @param splitFile the split's file name inside {@code dir}
     * @throws DatasetException naming the file and line of the first problem
     */
    public static ZeroShotDataset read(Path dir, String splitFile) {
        List<ClassLabel> classes = readClasses(dir.resolve("classnames.tsv"));
        List<String> templates = readTemplates(dir.resolve("templates.txt"));
        Path imagesDir = dir.resolve("images");
        Map<String, Integer> byFolder = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            byFolder.put(classes.get(i).folder(), i);
        }
        Path split = dir.resolve(splitFile);
        List<String> lines = TextFiles.lines(split, "the images to evaluate, one folder/file per line");
        List<LabelledImage> images = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String file = lines.get(i).strip();
            if (file.isEmpty()) {
                continue;
            }
            String where = split + ":" + (i + 1);
            int slash = file.indexOf('/');
            if (slash <= 0) {
                throw new DatasetException(where + ": expected folder/file, got '" + file + "'");
            }
            Integer label = byFolder.get(file.substring(0, slash));
            if (label == null) {
                throw new DatasetException(
                        where + ": folder '" + file.substring(0, slash) + "' is not listed in classnames.tsv");
            }
            TextFiles.resolveUnder(imagesDir, file, where);
            images.add(new LabelledImage(file, label));
        }
        if (images.isEmpty()) {
            throw new DatasetException(split + " lists no images");
        }
        return new ZeroShotDataset(
                dir.toAbsolutePath().normalize().getFileName().toString(),
                splitFile,
                imagesDir,
                classes,
                templates,
                images);
    }

    /**
     * At most {@code count} images, spread evenly over the split (which is usually sorted by class),
     * with the same classes and templates.
     */
    public ZeroShotDataset limit(int count) {
        return new ZeroShotDataset(name, split, imagesDir, classes, templates, Subsets.spread(images, count));
    }

    /** The images' paths relative to {@link #imagesDir()}, in order. */
    public List<String> files() {
        return images.stream().map(LabelledImage::file).toList();
    }

    /** The prompts for class {@code label}: every template with the class name in place of {@code {}}. */
    public List<String> prompts(int label) {
        String className = classes.get(label).name();
        return templates.stream()
                .map(template -> template.replace(CLASS_PLACEHOLDER, className))
                .toList();
    }

    private static List<ClassLabel> readClasses(Path file) {
        List<String> lines = TextFiles.lines(file, "one 'folder<TAB>class name' line per class");
        List<ClassLabel> classes = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || (i == 0 && isHeader(line))) {
                continue;
            }
            String where = file + ":" + (i + 1);
            String[] fields = line.split("\t", -1);
            if (fields.length != 2 || fields[0].isBlank() || fields[1].isBlank()) {
                throw new DatasetException(where + ": expected 'folder<TAB>class name', got '" + line + "'");
            }
            String folder = fields[0].strip();
            Integer previous = seen.putIfAbsent(folder, i + 1);
            if (previous != null) {
                throw new DatasetException(
                        where + ": folder '" + folder + "' is listed twice (first on line " + previous + ")");
            }
            classes.add(new ClassLabel(folder, fields[1].strip()));
        }
        if (classes.size() < 2) {
            throw new DatasetException(file + " lists " + classes.size() + (classes.size() == 1 ? " class" : " classes")
                    + "; zero-shot classification needs at least two");
        }
        return classes;
    }

    private static boolean isHeader(String line) {
        return line.strip().toLowerCase(Locale.ROOT).replace(" ", "").equals("folder\tclassname");
    }

    private static List<String> readTemplates(Path file) {
        List<String> lines = TextFiles.lines(file, "one prompt template per line, with {} for the class name");
        List<String> templates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String template = lines.get(i).strip();
            if (template.isEmpty()) {
                continue;
            }
            if (!template.contains(CLASS_PLACEHOLDER)) {
                throw new DatasetException(
                        file + ":" + (i + 1) + ": template '" + template + "' has no {} where the class name goes");
            }
            templates.add(template);
        }
        if (templates.isEmpty()) {
            throw new DatasetException(file + " holds no templates");
        }
        return templates;
    }
}
