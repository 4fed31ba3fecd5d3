package dev.loupe.search.photo;

import java.util.List;

/** A request named photo ids that are not in the collection. */
public class UnknownPhotoException extends RuntimeException {

    private final String collection;
    private final List<String> ids;

    /** @param ids the unknown ids (at least one) */
    public UnknownPhotoException(String collection, List<String> ids) {
        super(
                ids.size() == 1
                        ? "no photo with id '" + ids.getFirst() + "' in collection '" + collection + "'"
                        : ids.size() + " photo ids are not in collection '" + collection + "'");
        this.collection = collection;
        this.ids = List.copyOf(ids);
    }

    public String collection() {
        return collection;
    }

    public List<String> ids() {
        return ids;
    }
}
