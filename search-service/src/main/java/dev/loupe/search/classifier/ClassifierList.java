package dev.loupe.search.classifier;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /v1/classifiers}. */
@Schema(name = "ClassifierList", description = "Classifier sessions, newest first")
public record ClassifierList(List<ClassifierView> classifiers) {}
