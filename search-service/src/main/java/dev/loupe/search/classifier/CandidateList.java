package dev.loupe.search.classifier;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /v1/classifiers/{id}/candidates}. */
@Schema(name = "CandidateList", description = "Unlabelled photos worth labelling next, best score first")
public record CandidateList(List<ClassifiedPhoto> candidates) {}
