package dev.loupe.embedder.service;

import java.util.List;

/**
 * The result of one embedding request.
 *
 * @param model the id of the model that produced the vectors
 * @param dimensions the length of every vector
 * @param vectors one L2-normalised vector per input item, in input order
 */
public record Embeddings(String model, int dimensions, List<float[]> vectors) {}
