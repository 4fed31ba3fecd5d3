package dev.loupe.search;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** Asserts that an answer is an {@code application/problem+json} problem with a given status. */
public final class ProblemResponses {

    private ProblemResponses() {}

    public static ValidatableResponse problem(Response response, int status) {
        return response.then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", startsWith("urn:loupe:problem:"));
    }
}
