package dev.loupe.search.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import dev.loupe.search.GoldenPhotosResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The page's files are served by the service itself, with no browser needed to check that. */
@QuarkusTest
@WithTestResource(GoldenPhotosResource.class)
class WebPageTest {

    @Test
    void the_page_and_its_script_and_styles_are_served_at_the_root() {
        given().get("/")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("id=\"search-form\""));
        given().get("/app.js").then().statusCode(200).contentType(containsString("javascript"));
        given().get("/app.css").then().statusCode(200).contentType(startsWith("text/css"));
    }

    @Test
    void the_page_loads_nothing_from_other_hosts_and_never_parses_api_text_as_html() {
        String html = given().get("/").then().extract().asString();
        String script = given().get("/app.js").then().extract().asString();
        String styles = given().get("/app.css").then().extract().asString();

        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
        assertThat(styles).doesNotContain("url(");
        assertThat(script)
                .doesNotContain("innerHTML")
                .doesNotContain("outerHTML")
                .doesNotContain("insertAdjacentHTML");
    }
}
