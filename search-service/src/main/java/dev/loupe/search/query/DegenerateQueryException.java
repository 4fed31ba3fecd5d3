package dev.loupe.search.query;

import java.util.List;

/** The weighted query parts cancel out: their sum has no direction to search in. */
public class DegenerateQueryException extends RuntimeException {

    public DegenerateQueryException(List<String> positive, List<String> negative) {
        super("the weighted sum of " + positive + " minus " + negative + " is (nearly) the zero vector");
    }
}
