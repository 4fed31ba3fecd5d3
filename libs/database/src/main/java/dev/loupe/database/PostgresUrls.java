package dev.loupe.database;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The JDBC side of a reactive client's database URL ({@code postgresql://host:port/db?params}, the form
 * of {@code quarkus.datasource.reactive.url}), for the migrations, which run over JDBC.
 */
public final class PostgresUrls {

    private PostgresUrls() {}

    /**
     * @param reactiveUrl {@code postgresql://} or {@code postgres://}, or already {@code jdbc:postgresql://}
     * @return the same database as a {@code jdbc:postgresql://} URL
     * @throws IllegalArgumentException for another scheme
     */
    public static String jdbc(String reactiveUrl) {
        String url = reactiveUrl.strip();
        if (url.startsWith("jdbc:postgresql://")) {
            return url;
        }
        URI uri = URI.create(url);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException(
                    "not a PostgreSQL URL (postgresql://host:port/database): " + redacted(reactiveUrl));
        }
        return "jdbc:postgresql://" + uri.getRawAuthority().replaceFirst("^[^@]*@", "")
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** A data source of the database, with the given credentials (null where the URL carries them). */
    public static DataSource dataSource(String reactiveUrl, String user, String password) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(jdbc(reactiveUrl));
        URI uri = URI.create(reactiveUrl.strip().replaceFirst("^jdbc:", ""));
        String userInfo = uri.getRawUserInfo();
        if (user == null && userInfo != null) {
            String[] parts = userInfo.split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : password;
        }
        if (user != null) {
            source.setUser(user);
        }
        if (password != null) {
            source.setPassword(password);
        }
        return source;
    }

    /** The URL without its password, for messages. */
    public static String redacted(String url) {
        return url.replaceFirst("://([^:/@]*):[^@/]*@", "://$1:***@");
    }
}
