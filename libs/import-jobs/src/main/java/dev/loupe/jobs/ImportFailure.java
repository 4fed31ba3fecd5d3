package dev.loupe.jobs;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One item an import could not index.
 *
 * @param source the file, URL or TSV row it came from
 * @param reason why, for a person
 */
@Schema(name = "ImportFailure", description = "An item the import could not index, and why")
public record ImportFailure(String source, String reason) {}
