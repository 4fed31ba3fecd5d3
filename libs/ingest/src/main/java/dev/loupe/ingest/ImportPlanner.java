package dev.loupe.ingest;

import dev.loupe.ingest.texts.TextImportLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Turns an import request's source ({@code {"type": "folder"|"unsplash-tsv"|"urls", "path", "url",
 * "urls"}}) into the {@link ImportSource} it reads, after checking every part: paths under the
 * {@link ImportRoots}, absolute http(s) URLs, a bounded URL list. Reading the source happens later,
 * through {@link Plan#source()}; a TSV given by URL is fetched then, with the guarded fetcher.
 */
public final class ImportPlanner {

    /** Longest path or URL accepted in a request. */
    public static final int MAX_LOCATION_CHARS = 4096;

    private final ImportRoots roots;
    private final PhotoFetcher fetcher;
    private final int maxUrls;
    private final String maxUrlsSetting;
    private final TextImportLimits textLimits;

    /** A planner whose text imports keep {@link TextImportLimits#defaults()}. */
    public ImportPlanner(ImportRoots roots, PhotoFetcher fetcher, int maxUrls, String maxUrlsSetting) {
        this(roots, fetcher, maxUrls, maxUrlsSetting, TextImportLimits.defaults());
    }

    /**
     * @param fetcher fetches TSV files given by URL (its byte limit bounds them)
     * @param maxUrls most URLs one {@code urls} import may list
     * @param maxUrlsSetting the configuration key of {@code maxUrls}, quoted when it is exceeded
     * @param textLimits the bounds on each record of a {@code jsonl} or {@code csv} text import
     */
    public ImportPlanner(
            ImportRoots roots, PhotoFetcher fetcher, int maxUrls, String maxUrlsSetting, TextImportLimits textLimits) {
        this.roots = roots;
        this.textLimits = textLimits;
        this.fetcher = fetcher;
        this.maxUrls = maxUrls;
        this.maxUrlsSetting = maxUrlsSetting;
    }

    /**
     * What a validated request imports.
     *
     * @param type {@code folder}, {@code unsplash-tsv} or {@code urls}
     * @param description the folder, file or URL imported, or how many URLs, for a person
     */
    public record Plan(String type, String description, ImportSource source) {}

    /**
     * Checks a request's source.
     *
     * @param type {@code folder}, {@code unsplash-tsv}, {@code urls}, or for text collections {@code
     *     jsonl} or {@code csv} (any case)
     * @param path a folder ({@code folder}), a TSV file ({@code unsplash-tsv}), a JSONL or CSV file under
     *     a root
     * @param url the http(s) URL of a TSV file ({@code unsplash-tsv}, instead of {@code path})
     * @param urls photo URLs ({@code urls})
     * @throws ImportPathRefusedException for a path outside the roots
     * @throws ImportRequestException for any other bad part, naming the field ({@code source.path})
     */
    public Plan plan(String type, String path, String url, List<String> urls) {
        String kind = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "folder" -> {
                Path folder = roots.require("source.path", location("source.path", path), true);
                yield new Plan(kind, folder.toString(), ImportSources.folder(folder));
            }
            case "unsplash-tsv" -> unsplash(path, url);
            case "urls" -> urls(urls);
            case "jsonl" -> texts(kind, ImportSources.TextFormat.JSONL, path);
            case "csv" -> texts(kind, ImportSources.TextFormat.CSV, path);
            default ->
                throw new ImportRequestException(
                        "source.type",
                        "one of folder, unsplash-tsv, urls, jsonl, csv; got '"
                                + Locations.abbreviate(String.valueOf(type)) + "'");
        };
    }

    private Plan unsplash(String path, String url) {
        if ((path == null) == (url == null)) {
            throw new ImportRequestException("source", "an unsplash-tsv import needs either 'path' or 'url'");
        }
        if (path != null) {
            Path file = roots.require("source.path", location("source.path", path), false);
            return new Plan("unsplash-tsv", file.toString(), sink -> {
                try (InputStream in = Files.newInputStream(file)) {
                    ImportSources.unsplashTsv(in).read(sink);
                }
            });
        }
        URI tsv = httpUrl("source.url", location("source.url", url));
        return new Plan("unsplash-tsv", tsv.toString(), sink -> {
            FetchedPhoto fetched;
            try {
                fetched = fetcher.fetch(tsv);
            } catch (FetchException e) {
                throw new IOException("cannot fetch the TSV file: " + e.getMessage(), e);
            }
            ImportSources.unsplashTsv(new ByteArrayInputStream(fetched.bytes())).read(sink);
        });
    }

    /**
     * Checks an uploaded file's import: only text records ({@code jsonl}, {@code csv}) are uploaded;
     * photos come from folders, TSV files and URLs.
     *
     * @param type {@code jsonl} or {@code csv} (any case); null to take it from the file name's extension
     * @param file where the upload was stored
     * @param name the file's name as the client gave it
     * @throws ImportRequestException for another type
     */
    public Plan planUpload(String type, Path file, String name) {
        String given = type == null || type.isBlank() ? extension(name) : type.toLowerCase(Locale.ROOT);
        ImportSources.TextFormat format =
                switch (given) {
                    case "jsonl", "ndjson" -> ImportSources.TextFormat.JSONL;
                    case "csv" -> ImportSources.TextFormat.CSV;
                    default ->
                        throw new ImportRequestException(
                                "type",
                                "an upload is a jsonl or csv file of texts (photos come from a folder, a TSV or URLs);"
                                        + " got '" + Locations.abbreviate(given) + "'");
                };
        String kind = format == ImportSources.TextFormat.JSONL ? "jsonl" : "csv";
        return new Plan(
                kind,
                "upload " + name,
                sink -> ImportSources.texts(Files.newInputStream(file), format, textLimits, name)
                        .read(sink));
    }

    private static String extension(String name) {
        int dot = name == null ? -1 : name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Whether an import of this type brings text records (into a text collection), not photos. */
    public static boolean importsTexts(String type) {
        String kind = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return kind.equals("jsonl") || kind.equals("csv");
    }

    private Plan texts(String kind, ImportSources.TextFormat format, String path) {
        Path file = roots.require("source.path", location("source.path", path), false);
        String name = file.getFileName().toString();
        return new Plan(
                kind,
                file.toString(),
                sink -> ImportSources.texts(Files.newInputStream(file), format, textLimits, name)
                        .read(sink));
    }

    private Plan urls(List<String> urls) {
        if (urls == null || urls.isEmpty()) {
            throw new ImportRequestException("source.urls", "a urls import needs at least one URL");
        }
        if (urls.size() > maxUrls) {
            throw new ImportRequestException(
                    "source.urls",
                    "at most " + maxUrls + " URLs per import (" + maxUrlsSetting + "), got " + urls.size());
        }
        for (int i = 0; i < urls.size(); i++) {
            httpUrl("source.urls[" + i + "]", location("source.urls[" + i + "]", urls.get(i)));
        }
        return new Plan("urls", urls.size() + " URL" + (urls.size() == 1 ? "" : "s"), ImportSources.urls(urls));
    }

    private static String location(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ImportRequestException(field, "required");
        }
        if (value.length() > MAX_LOCATION_CHARS) {
            throw new ImportRequestException(field, "at most " + MAX_LOCATION_CHARS + " characters");
        }
        return value;
    }

    /** An absolute http(s) URL; file URLs are not accepted from clients (folders are imported by path). */
    private static URI httpUrl(String field, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw new ImportRequestException(field, "not an absolute http(s) URL");
    }
}
