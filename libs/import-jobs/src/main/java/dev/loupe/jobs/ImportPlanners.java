package dev.loupe.jobs;

import dev.loupe.ingest.AddressResolver;
import dev.loupe.ingest.FetchPolicy;
import dev.loupe.ingest.ImportPlanner;
import dev.loupe.ingest.ImportRoots;
import dev.loupe.ingest.IngestEventJson;
import dev.loupe.ingest.PhotoFetcher;
import dev.loupe.ingest.texts.TextImportLimits;

/** The {@link ImportPlanner} of {@code loupe.imports.*}, the same in every service that takes imports. */
public final class ImportPlanners {

    /** Sent when fetching a TSV file by URL. */
    static final String USER_AGENT = "Loupe/0.1 (+https://github.com/loupe)";

    private ImportPlanners() {}

    /**
     * Folders and TSV files by path under {@code roots}; TSV files by URL over http(s) only, guarded by
     * {@code tsv-fetch.*}.
     *
     * @param allowPrivateAddresses whether TSV URLs may name internal hosts even when {@code
     *     tsv-fetch.allow-private-addresses} is off (a service whose every fetch is allowed them)
     */
    public static ImportPlanner of(ImportsConfig config, boolean allowPrivateAddresses) {
        ImportsConfig.TsvFetch tsv = config.tsvFetch();
        PhotoFetcher fetcher = new PhotoFetcher(
                new FetchPolicy(
                        tsv.connectTimeout(),
                        tsv.readTimeout(),
                        tsv.maxBytes(),
                        tsv.maxRedirects(),
                        tsv.allowPrivateAddresses() || allowPrivateAddresses,
                        null, // no file: URLs: local files are imported by path
                        USER_AGENT),
                AddressResolver.system());
        return new ImportPlanner(
                new ImportRoots(config.roots(), "loupe.imports.roots"),
                fetcher,
                config.maxUrls(),
                "loupe.imports.max-urls",
                textLimits(config.texts()));
    }

    /**
     * The configured text-record bounds.
     *
     * @throws IllegalStateException when one exceeds what a text-ingested event may carry
     */
    static TextImportLimits textLimits(ImportsConfig.Texts texts) {
        TextImportLimits limits = new TextImportLimits(
                texts.maxLineBytes(),
                texts.maxTextChars(),
                texts.maxFieldChars(),
                texts.maxMetadataFields(),
                texts.maxTags());
        TextImportLimits most = IngestEventJson.TEXT_LIMITS;
        if (limits.maxLineBytes() > most.maxLineBytes()
                || limits.maxTextChars() > most.maxTextChars()
                || limits.maxFieldChars() > most.maxFieldChars()
                || limits.maxMetadataFields() > most.maxMetadataFields()
                || limits.maxTags() > most.maxTags()) {
            throw new IllegalStateException("loupe.imports.texts.* may not exceed what a text-ingested event carries: "
                    + most + "; configured " + limits);
        }
        return limits;
    }
}
