/**
 * The {@code application/problem+json} answers of Loupe's Quarkus services: the {@link
 * dev.loupe.service.problem.Problem} record, {@link dev.loupe.service.problem.Problems} to build
 * answers in service-specific mappers, and the {@code @Provider} mappers every service shares (the
 * HTTP layer's client errors, wrong-shaped or unreadable bodies, and the model runtime's inference,
 * modality and batch-queue failures). Quarkus finds the mappers through this jar's Jandex index; a
 * service words them through a {@link dev.loupe.service.problem.ProblemWording} bean.
 */
package dev.loupe.service.problem;
