package dev.loupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PhotoCorpusTest {

    @Test
    void five_hundred_photos_from_the_demo_folder_are_distinct_decodable_jpegs() throws Exception {
        PhotoCorpus corpus = PhotoCorpus.demo();
        assertThat(corpus.capacity()).isGreaterThanOrEqualTo(500);
        Set<String> hashes = new HashSet<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 500; i++) {
            byte[] jpeg = corpus.jpeg(i);
            hashes.add(HexFormat.of().formatHex(sha.digest(jpeg)));
            if (i % 50 == 0) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
                assertThat(image).as("photo %d decodes", i).isNotNull();
                assertThat(image.getWidth()).isGreaterThan(16);
            }
        }
        assertThat(hashes).hasSize(500);
    }

    @Test
    void the_same_number_gives_the_same_bytes() throws Exception {
        PhotoCorpus corpus = PhotoCorpus.demo();
        assertThat(corpus.jpeg(123)).isEqualTo(corpus.jpeg(123));
    }
}
