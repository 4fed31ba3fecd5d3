package dev.loupe.vectorstore.texts;

import java.util.List;

/** One metadata value of a text record: a string, an integer, a number or a list of tags. */
public sealed interface MetadataValue {

    MetadataType type();

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
