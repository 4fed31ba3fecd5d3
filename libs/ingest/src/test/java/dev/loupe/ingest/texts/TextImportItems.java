package dev.loupe.ingest.texts;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What the import readers' tests look at: the ids read, and the errors. */
final class TextImportItems {

    private TextImportItems() {}

    /** Every item a reader gives. */
    static List<TextImportItem> all(TextImportReader reader) {
        List<TextImportItem> items = new ArrayList<>();
        reader.forEachRemaining(items::add);
        return items;
    }

    static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> ids(List<TextImportItem> items) {
        return items.stream()
                .filter(TextImportItem.Parsed.class::isInstance)
                .map(i -> ((TextImportItem.Parsed) i).record().id())
                .toList();
    }

    static List<TextRecordError> errors(List<TextImportItem> items) {
        return items.stream()
                .filter(TextImportItem.Rejected.class::isInstance)
                .map(i -> ((TextImportItem.Rejected) i).error())
                .toList();
    }
}
