package dev.loupe.ingest.texts;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** An import file read item by item: each {@link #read} is one record or one record's error. */
public abstract sealed class TextImportReader implements Iterator<TextImportItem>
        permits JsonlTextRecords, CsvTextRecords {

    private TextImportItem next;

    /** The next item, or null at the end of the file. */
    abstract TextImportItem read();

    @Override
    public final boolean hasNext() {
        if (next == null) {
            next = read();
        }
        return next != null;
    }

    @Override
    public final TextImportItem next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        TextImportItem item = next;
        next = null;
        return item;
    }
}
