package dev.loupe.search.photo;

import dev.loupe.search.store.CollectionCatalog;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.UnknownCollectionException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Looks up single photos and their thumbnails. */
@ApplicationScoped
public class PhotoService {

    private final CollectionCatalog collections;
    private final PhotoLookup photos;
    private final ThumbnailSource thumbnails;

    PhotoService(CollectionCatalog collections, PhotoLookup photos, ThumbnailSource thumbnails) {
        this.collections = collections;
        this.photos = photos;
        this.thumbnails = thumbnails;
    }

    /**
     * A photo's metadata.
     *
     * @param collection a collection name, or null for the default one
     * @throws UnknownCollectionException when the collection does not exist
     * @throws UnknownPhotoException when the photo is not in it
     */
    public PhotoView photo(String collection, String id) {
        CollectionSpec spec = collections.require(collection);
        return PhotoView.of(photos.require(spec.name(), id), null, spec.name());
    }

    /**
     * A photo's JPEG thumbnail.
     *
     * @throws UnknownCollectionException when the collection does not exist
     * @throws UnknownPhotoException when the photo is not in it
     * @throws MissingThumbnailException when it has no thumbnail
     */
    public byte[] thumbnail(String collection, String id) {
        CollectionSpec spec = collections.require(collection);
        Optional<byte[]> jpeg;
        try {
            jpeg = thumbnails.thumbnail(spec.name(), id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the thumbnail of a photo in '" + spec.name() + "'", e);
        }
        if (jpeg.isPresent()) {
            return jpeg.get();
        }
        photos.require(spec.name(), id); // unknown photo or no thumbnail: say which
        throw new MissingThumbnailException(spec.name(), id);
    }
}
