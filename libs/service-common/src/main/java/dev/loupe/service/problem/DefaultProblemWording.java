package dev.loupe.service.problem;

import io.quarkus.arc.DefaultBean;
import jakarta.inject.Singleton;

/** The generic wording, used until a service declares its own {@link ProblemWording} bean. */
@DefaultBean
@Singleton
final class DefaultProblemWording implements ProblemWording {}
