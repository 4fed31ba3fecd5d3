package dev.loupe.encoders.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loupe.testkit.BenchReport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Single-thread throughput of decoding and CLIP preprocessing on Caltech-101 photos (about 300 px,
 * JPEG): decode only, preprocess only (already decoded), and both. One thread, so images/s is per
 * core; CPU time is reported beside wall time.
 *
 * <p>Run: {@code ./mvnw -pl libs/encoders verify -Pbench -Dtest=ImagePreprocessingBench}; the
 * results also go to {@code target/bench/preprocessing.txt}. {@code -Dloupe.bench.photos=N} changes
 * the sample (default 3000, spread over all categories).
 */
@Tag("bench")
class ImagePreprocessingBench {

    private static final Path CALTECH = Path.of("../../../shared/datasets/caltech101/images");
    private static final int PHOTOS = Integer.getInteger("loupe.bench.photos", 3000);
    private static final int WARM_UP_ROUNDS = 2; // enough for C2 to compile the hot loops

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
    private final ImagePreprocessor preprocessor = new ImagePreprocessor(PreprocessorConfig.clip());
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Test
    void decode_and_preprocess_throughput_per_core() throws IOException {
        assumeTrue(
                Files.isDirectory(CALTECH),
                "the preprocessing benchmark needs Caltech-101 photos at "
                        + CALTECH.toAbsolutePath().normalize() + " (../shared/datasets beside the checkout)");
        List<byte[]> photos = sample();
        assertThat(photos).isNotEmpty();

        // photos the decoder refuses (if any) are counted, then left out of the timed passes
        List<byte[]> valid = new ArrayList<>();
        List<BufferedImage> decoded = new ArrayList<>();
        Map<InvalidImageException.Reason, Integer> refused = new EnumMap<>(InvalidImageException.Reason.class);
        for (byte[] photo : photos) {
            try {
                decoded.add(decoder.decode(photo));
                valid.add(photo);
            } catch (InvalidImageException e) {
                refused.merge(e.reason(), 1, Integer::sum);
            }
        }
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            decodeAll(valid);
            preprocessAll(decoded);
            bothAll(valid);
        }

        Measurement decode = measure(valid.size(), () -> decodeAll(valid));
        Measurement preprocess = measure(decoded.size(), () -> preprocessAll(decoded));
        Measurement both = measure(valid.size(), () -> bothAll(valid));

        long pixels = 0;
        for (BufferedImage image : decoded) {
            pixels += (long) image.getWidth() * image.getHeight();
        }
        long bytes = valid.stream().mapToLong(photo -> photo.length).sum();
        BenchReport report = new BenchReport("preprocessing");
        report.line(String.format(
                "%d Caltech-101 photos (mean %.0f KB, %.0f kilopixels), one thread, %s%s",
                valid.size(),
                bytes / 1024.0 / valid.size(),
                pixels / 1000.0 / decoded.size(),
                Runtime.version(),
                refused.isEmpty() ? "" : ", refused " + refused));
        report.line(decode.describe("decode only (ImageDecoder)"));
        report.line(preprocess.describe("preprocess only (ImagePreprocessor)"));
        report.line(both.describe("decode + preprocess"));
        assertThat(both.perCpuSecond()).isPositive();
    }

    private List<byte[]> sample() throws IOException {
        List<Path> all;
        try (Stream<Path> files = Files.walk(CALTECH)) {
            all = files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        List<byte[]> photos = new ArrayList<>();
        int step = Math.max(1, all.size() / PHOTOS);
        for (int i = 0; i < all.size() && photos.size() < PHOTOS; i += step) {
            photos.add(Files.readAllBytes(all.get(i)));
        }
        return photos;
    }

    private long decodeAll(List<byte[]> photos) {
        long checksum = 0;
        for (byte[] photo : photos) {
            checksum += decoder.decode(photo).getWidth();
        }
        return checksum;
    }

    private long preprocessAll(List<BufferedImage> images) {
        long checksum = 0;
        for (BufferedImage image : images) {
            checksum += Float.floatToIntBits(preprocessor.preprocess(image)[0]);
        }
        return checksum;
    }

    private long bothAll(List<byte[]> photos) {
        long checksum = 0;
        for (byte[] photo : photos) {
            checksum += Float.floatToIntBits(preprocessor.preprocess(decoder.decode(photo))[0]);
        }
        return checksum;
    }

    private interface Pass {
        long run();
    }

    private Measurement measure(int images, Pass pass) {
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        long checksum = pass.run();
        long wall = System.nanoTime() - wallStart;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        assertThat(checksum)
                .as("checksum, so that the work is not optimised away")
                .isNotZero();
        return new Measurement(images, wall, cpu);
    }

    private record Measurement(int images, long wallNanos, long cpuNanos) {

        double perCpuSecond() {
            return images / (cpuNanos / 1e9);
        }

        String describe(String what) {
            return String.format(
                    "%-38s %8.1f images/s per core (CPU time), %8.1f images/s wall, %.3f ms/image",
                    what, perCpuSecond(), images / (wallNanos / 1e9), cpuNanos / 1e6 / images);
        }
    }
}
