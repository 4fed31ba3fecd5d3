package dev.loupe.encoders.quality;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Captioned photos for text→image retrieval, in the layout of {@code
 * ../shared/datasets/flickr8k-1000}: {@code captions.csv} ({@code image,caption} header, then one
 * row per caption, CSV-quoted where needed) and {@code images/} holding the files it names. The
 * gallery is the set of images the captions name, in order of first mention.
 *
 * @param name the dataset's folder name, for reports
 * @param imagesDir the folder the image names are relative to
 * @param images the gallery: file names relative to {@code imagesDir}, each once
 * @param captions every caption with its image
 */
public record CaptionDataset(String name, Path imagesDir, List<String> images, List<Caption> captions) {

    private static final String CAPTIONS_FILE = "captions.csv";

    /**
     * A caption.
     *
     * @param text what it says
     * @param image the image it describes, an index into {@link #images()}
     */
    public record Caption(String text, int image) {}

    public CaptionDataset {
        images = List.copyOf(images);
        captions = List.copyOf(captions);
        for (Caption caption : captions) {
            if (caption.image() < 0 || caption.image() >= images.size()) {
                throw new IllegalArgumentException(
                        "caption '" + caption.text() + "': image " + caption.image() + " out of range");
            }
        }
    }

    /**
     * Reads the dataset in {@code dir}, checking that every image it names exists.
     *
     * @throws DatasetException naming the file and line of the first problem
     */
    public static CaptionDataset read(Path dir) {
        Path file = dir.resolve(CAPTIONS_FILE);
        Path imagesDir = dir.resolve("images");
        List<CaptionsCsv.Row> rows = CaptionsCsv.parse(
                TextFiles.read(file, "an 'image,caption' header and one row per caption"), file.toString());
        if (rows.isEmpty()) {
            throw new DatasetException(file + " is empty; expected an 'image,caption' header and rows");
        }
        List<String> header = rows.getFirst().fields();
        if (header.size() != 2
                || !header.get(0).strip().toLowerCase(Locale.ROOT).equals("image")
                || !header.get(1).strip().toLowerCase(Locale.ROOT).equals("caption")) {
            throw new DatasetException(
                    file + ":1: expected the header 'image,caption', got '" + String.join(",", header) + "'");
        }
        Map<String, Integer> imageIndex = new LinkedHashMap<>();
        List<Caption> captions = new ArrayList<>();
        for (CaptionsCsv.Row row : rows.subList(1, rows.size())) {
            String where = file + ":" + row.line();
            List<String> fields = row.fields();
            if (fields.size() != 2) {
                throw new DatasetException(where + ": expected 2 fields (image,caption), got " + fields.size()
                        + "; quote captions that contain commas");
            }
            String image = fields.get(0).strip();
            String text = fields.get(1).strip();
            if (image.isEmpty() || text.isEmpty()) {
                throw new DatasetException(where + ": the image name and the caption must not be empty");
            }
            Integer index = imageIndex.get(image);
            if (index == null) {
                TextFiles.resolveUnder(imagesDir, image, where);
                index = imageIndex.size();
                imageIndex.put(image, index);
            }
            captions.add(new Caption(text, index));
        }
        if (captions.isEmpty()) {
            throw new DatasetException(file + " has a header but no captions");
        }
        return new CaptionDataset(
                dir.toAbsolutePath().normalize().getFileName().toString(),
                imagesDir,
                List.copyOf(imageIndex.keySet()),
                captions);
    }

    /** At most {@code count} images, spread evenly over the gallery, with all their captions. */
    public CaptionDataset limit(int count) {
        List<Integer> all = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            all.add(i);
        }
        List<Integer> kept = Subsets.spread(all, count);
        Map<Integer, Integer> renumbered = new HashMap<>();
        List<String> keptImages = new ArrayList<>();
        for (int old : kept) {
            renumbered.put(old, keptImages.size());
            keptImages.add(images.get(old));
        }
        List<Caption> keptCaptions = captions.stream()
                .filter(caption -> renumbered.containsKey(caption.image()))
                .map(caption -> new Caption(caption.text(), renumbered.get(caption.image())))
                .toList();
        return new CaptionDataset(name, imagesDir, keptImages, keptCaptions);
    }
}
