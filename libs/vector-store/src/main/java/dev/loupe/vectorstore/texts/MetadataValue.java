package dev.loupe.vectorstore.texts;

import java.util.List;

/** One metadata value of a text record: a string, an integer, a number or a list of tags. */
public sealed interface MetadataValue {

    MetadataType type();

    /** The value as JSON holds it: a String, a Long, a Double or a List of Strings. */
    default Object plain() {
        return switch (this) {
            case Text text -> text.value();
            case Integer integer -> integer.value();
            case Number number -> number.value();
            case Tags tags -> tags.values();
        };
    }

    record Text(String value) implements MetadataValue {
        @Override
        public MetadataType type() {
            return MetadataType.STRING;
        }
    }

    record Integer(long value) implements MetadataValue {
        @Override
        public MetadataType type() {
            return MetadataType.INTEGER;
        }
    }

    record Number(double value) implements MetadataValue {
        @Override
        public MetadataType type() {
            return MetadataType.NUMBER;
        }
    }

    record Tags(List<String> values) implements MetadataValue {
        public Tags {
            values = List.copyOf(values);
        }

        @Override
        public MetadataType type() {
            return MetadataType.TAGS;
        }
    }
}
