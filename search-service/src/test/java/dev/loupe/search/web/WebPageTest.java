package dev.loupe.search.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import dev.loupe.search.GoldenPhotosResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The explorer's files are served by the service itself, with no browser needed to check that; what the
 * page does in a browser is {@link ExplorerPlaywrightIT}'s.
 */
@QuarkusTest
@WithTestResource(GoldenPhotosResource.class)
class WebPageTest {

    private static final Pattern IMPORT = Pattern.compile("from \"(\\./[^\"]+)\"");

    @Test
    void the_page_and_its_styles_are_served_at_the_root() {
        given().get("/")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("id=\"search-form\""))
                .body(containsString("<script src=\"app.js\" type=\"module\">"));
        given().get("/app.css").then().statusCode(200).contentType(startsWith("text/css"));
    }

    @Test
    void every_module_the_page_imports_is_served_as_javascript() {
        Map<String, String> modules = modules();

        assertThat(modules)
                .containsKeys(
                        "/app.js",
                        "/js/api.js",
                        "/js/dom.js",
                        "/js/search.js",
                        "/js/browse.js",
                        "/js/zeroshot.js",
                        "/js/classifier.js",
                        "/js/imports.js",
                        "/js/texts.js");
    }

    @Test
    void the_page_loads_nothing_from_other_hosts_and_never_parses_api_text_as_html() {
        String html = given().get("/").then().extract().asString();
        String styles = given().get("/app.css").then().extract().asString();

        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
        assertThat(styles).doesNotContain("url(");
        modules()
                .forEach((path, script) -> assertThat(script)
                        .as(path)
                        .doesNotContain("innerHTML")
                        .doesNotContain("outerHTML")
                        .doesNotContain("insertAdjacentHTML")
                        .doesNotContain("document.write")
                        .doesNotContainPattern("import\\s*\\(?\\s*\"(https?:)?//"));
    }

    /** The page's modules by path, found by following their relative imports from app.js. */
    private static Map<String, String> modules() {
        Map<String, String> found = new LinkedHashMap<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.add("/app.js");
        while (!pending.isEmpty()) {
            String path = pending.poll();
            if (found.containsKey(path)) {
                continue;
            }
            String script = given().get(path)
                    .then()
                    .statusCode(200)
                    .contentType(containsString("javascript"))
                    .extract()
                    .asString();
            found.put(path, script);
            Matcher imports = IMPORT.matcher(script);
            while (imports.find()) {
                pending.add(URI.create(path).resolve(imports.group(1)).getPath());
            }
        }
        return found;
    }
}
