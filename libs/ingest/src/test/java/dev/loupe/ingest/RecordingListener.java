package dev.loupe.ingest;

import java.util.ArrayList;
import java.util.List;

/** Records what the pipeline reports; open to tests that act on an event. */
class RecordingListener implements IngestListener {

    record Failure(String source, FailureReason reason, String message) {}

    record Skip(String photoId, String reason) {}

    record PhotoFailure(String photoId, FailureReason reason, boolean retryable) {}

    final List<Long> totals = new ArrayList<>();
    final List<String> indexed = new ArrayList<>();
    final List<Skip> skipped = new ArrayList<>();
    final List<Failure> failed = new ArrayList<>();
    final List<PhotoFailure> photoFailures = new ArrayList<>();

    @Override
    public void total(long n) {
        totals.add(n);
    }

    @Override
    public void indexed(PhotoSource p) {
        indexed.add(p.photoId());
    }

    @Override
    public void skipped(PhotoSource p, String reason) {
        skipped.add(new Skip(p.photoId(), reason));
    }

    @Override
    public void failed(String source, FailureReason reason, String message) {
        failed.add(new Failure(source, reason, message));
    }

    @Override
    public void failed(PhotoSource photo, FailureReason reason, String message, boolean retryable) {
        photoFailures.add(new PhotoFailure(photo.photoId(), reason, retryable));
        IngestListener.super.failed(photo, reason, message, retryable);
    }

    /** The failure whose source ends with the suffix. */
    Failure failure(String sourceSuffix) {
        return failed.stream()
                .filter(f -> f.source().endsWith(sourceSuffix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no failure of " + sourceSuffix + " in " + failed));
    }
}
