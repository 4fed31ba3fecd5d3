package dev.loupe.jobs;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The most recent import jobs, newest first (without their failure lists). */
@Schema(name = "ImportJobList")
public record ImportJobList(List<ImportJob> jobs) {}
