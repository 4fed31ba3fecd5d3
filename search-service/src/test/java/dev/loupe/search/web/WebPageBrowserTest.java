package dev.loupe.search.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.search.GoldenPhotosResource;
import dev.loupe.search.TestPhotos;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the page served at {@code /} in headless Chromium against the 18 golden photos: one browser for
 * the class, a fresh page load per test.
 */
@QuarkusTest
@WithTestResource(GoldenPhotosResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPageBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URL page;

    private HeadlessChromium browser;

    @BeforeAll
    void launch_browser() {
        Assumptions.assumeFalse(
                Boolean.getBoolean(HeadlessChromium.SKIP_PROPERTY),
                "browser tests skipped: -D" + HeadlessChromium.SKIP_PROPERTY + "=true");
        browser = HeadlessChromium.launch();
    }

    @AfterAll
    void close_browser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void typing_a_query_shows_a_grid_of_every_photo_with_titles_and_scores() {
        open();
        search("a photo of a dog");

        List<WebElement> cards = cards();
        assertThat(cards).hasSize(TestPhotos.ALL.size());
        for (WebElement card : cards) {
            assertThat(card.findElement(By.cssSelector(".score")).getText()).matches("score -?[01]\\.\\d{3}");
            assertThat(card.findElement(By.cssSelector(".title")).getText()).isNotBlank();
            // the fixture keeps no thumbnails: each card shows the placeholder instead of a broken image
            assertThat(card.findElements(By.cssSelector(".thumb.placeholder"))).hasSize(1);
        }
        List<String> expected = given().contentType(ContentType.JSON)
                .body(Map.of("text", "a photo of a dog", "limit", 24))
                .post("/v1/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("hits.id");
        assertThat(ids()).containsExactlyElementsOf(expected);
    }

    @Test
    void more_like_this_shows_the_photos_nearest_to_that_photo_without_itself() {
        open();
        search("a photo of a dog");
        String id = TestPhotos.MOST_DISTINCT;

        driver().findElement(By.cssSelector("li.result[data-id='" + id + "'] button.more"))
                .click();
        awaitSummary("photos like " + id);

        List<String> expected = given().get("/v1/photos/{id}/similar?limit=24", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("hits.id");
        assertThat(ids()).doesNotContain(id).hasSize(TestPhotos.ALL.size() - 1);
        assertThat(ids()).containsExactlyElementsOf(expected);
    }

    @Test
    void a_toggled_tag_chip_shows_only_photos_with_that_tag_and_two_chips_combine_with_and() {
        open();
        search("a penguin");

        WebElement tux = chip("tux");
        tux.click();
        awaitSummary("tagged tux");

        assertThat(chip("tux").getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(ids()).containsExactlyInAnyOrder(TestPhotos.SLASHED_ID, "drawings/tux_b.png");
        for (WebElement card : cards()) {
            assertThat(card.findElements(By.cssSelector(".tag")))
                    .extracting(WebElement::getText)
                    .contains("tux");
        }

        chip("caltech").click();
        awaitSummary("tagged caltech and tux"); // selected tags in alphabetical order
        assertThat(cards()).isEmpty();
    }

    @Test
    void an_uploaded_image_finds_itself_first() throws IOException {
        open();
        String id = "caltech_pizza.jpg";
        Path upload = Files.createTempFile("upload-", ".jpg");
        try {
            Files.write(upload, TestPhotos.bytes(id));
            driver().findElement(By.id("image-file"))
                    .sendKeys(upload.toAbsolutePath().toString());
            awaitSummary("the image " + upload.getFileName());
        } finally {
            Files.deleteIfExists(upload);
        }

        WebElement first = cards().getFirst();
        assertThat(first.getDomAttribute("data-id")).isEqualTo(id);
        assertThat(first.findElement(By.cssSelector(".score")).getText()).isEqualTo("score 1.000");
    }

    @Test
    void an_api_error_shows_the_problem_title() throws IOException {
        open();
        Path upload = Files.createTempFile("not-an-image-", ".jpg");
        try {
            Files.writeString(upload, "these bytes are no image");
            driver().findElement(By.id("image-file"))
                    .sendKeys(upload.toAbsolutePath().toString());
            await(d -> d.findElement(By.id("error")).isDisplayed(), "the error message");
        } finally {
            Files.deleteIfExists(upload);
        }

        String title = given().multiPart("image", "x.jpg", "these bytes are no image".getBytes(), "image/jpeg")
                .post("/v1/search")
                .then()
                .statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                .extract()
                .jsonPath()
                .getString("title");
        assertThat(title).isNotBlank();
        assertThat(driver().findElement(By.id("error")).getText()).isEqualTo(title);
        assertThat(cards()).isEmpty();
    }

    @Test
    void the_random_test_model_is_flagged_as_meaningless() {
        open();

        await(d -> d.findElement(By.id("model-warning")).isDisplayed(), "the model warning");
        assertThat(driver().findElement(By.id("model-warning")).getText())
                .contains(TestPhotos.MODEL)
                .contains("random weights");
        assertThat(driver().findElement(By.id("model-banner")).getText())
                .contains(TestPhotos.MODEL)
                .contains(GoldenPhotosResource.COLLECTION);
    }

    @Test
    void text_from_the_api_and_the_user_is_shown_as_text_never_as_markup() {
        open();
        String tag = "<img src=x onerror=alert(1)><b>bold</b>";

        driver().findElement(By.id("tag-input")).sendKeys(tag);
        driver().findElement(By.cssSelector("#tag-form button")).click();

        WebElement chips = driver().findElement(By.id("filter-chips"));
        assertThat(chips.findElements(By.cssSelector("img, b"))).isEmpty();
        assertThat(chips.findElement(By.cssSelector(".chip")).getText()).isEqualTo(tag);
    }

    @Test
    void the_import_form_follows_an_import_to_the_end() throws IOException {
        open();
        // import two photos from a folder under the import root and follow the progress bar to the end
        Path root = Path.of(ConfigProvider.getConfig().getValue("loupe.imports.roots", String.class));
        Path folder = Files.createTempDirectory(root, "web-import-");
        try {
            for (String file : List.of("caltech_chair.jpg", "caltech_watch.jpg")) {
                Files.write(folder.resolve(file), TestPhotos.bytes(file));
            }
            driver().findElement(By.id("import-path"))
                    .sendKeys(folder.toAbsolutePath().toString());
            driver().findElement(By.id("import-collection")).sendKeys("web_import");
            driver().findElement(By.id("import-button")).click();

            await(d -> d.findElement(By.id("import-state")).getText().contains("100%"), "the import to finish");
            assertThat(driver().findElement(By.id("import-state")).getText()).contains("done");
            assertThat(driver().findElement(By.id("import-counts")).getText()).startsWith("2 done, 0 failed");
        } finally {
            try (var paths = Files.list(folder)) {
                for (Path path : paths.toList()) {
                    Files.delete(path);
                }
            }
            Files.delete(folder);
        }
    }

    private WebDriver driver() {
        return browser.driver();
    }

    private void open() {
        driver().get(page.toString());
        await(d -> !d.findElements(By.cssSelector("#collection option")).isEmpty(), "the page to load its status");
    }

    private void search(String text) {
        driver().findElement(By.id("query")).sendKeys(text);
        driver().findElement(By.id("search-button")).click();
        awaitSummary("“" + text + "”");
    }

    private void awaitSummary(String part) {
        await(
                d -> {
                    String summary = d.findElement(By.id("results-summary")).getText();
                    return summary.contains(part) && !summary.startsWith("Searching");
                },
                "the results summary to mention " + part);
    }

    private List<WebElement> cards() {
        return driver().findElements(By.cssSelector("#results li.result"));
    }

    private List<String> ids() {
        return cards().stream().map(card -> card.getDomAttribute("data-id")).toList();
    }

    private WebElement chip(String tag) {
        return driver().findElement(By.cssSelector("#filter-chips .chip[data-tag='" + tag + "']"));
    }

    private void await(Function<WebDriver, Boolean> condition, String what) {
        new WebDriverWait(driver(), PATIENCE)
                .withMessage(() -> "waited " + PATIENCE.toSeconds() + "s for " + what + "; error box: '"
                        + driver().findElement(By.id("error")).getText() + "', summary: '"
                        + driver().findElement(By.id("results-summary")).getText() + "', import: '"
                        + driver().findElement(By.id("import-message")).getText() + "' '"
                        + driver().findElement(By.id("import-state")).getText() + "'")
                .until(condition::apply);
    }
}
