package dev.loupe.search.photo;

/** The photo exists but has no thumbnail (it was imported without one, or thumbnails are not kept). */
public class MissingThumbnailException extends RuntimeException {

    public MissingThumbnailException(String collection, String photoId) {
        super("photo '" + photoId + "' in collection '" + collection + "' has no thumbnail");
    }
}
