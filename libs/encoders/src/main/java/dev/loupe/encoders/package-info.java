/**
 * CLIP and text-encoder runtime: model bundles, tokenisation, image preprocessing and ONNX Runtime
 * inference.
 *
 * <p>Entry point: {@link dev.loupe.encoders.ModelLoader#load} turns a bundle directory into an
 * {@link dev.loupe.encoders.EmbeddingModel}. Images enter as bytes through {@link
 * dev.loupe.encoders.image.ImageDecoder} (limits checked before pixels are decoded) and become
 * model input through {@link dev.loupe.encoders.image.ImagePreprocessor}, which reproduces Hugging
 * Face's {@code CLIPImageProcessor} (PIL bicubic with antialiasing, centre crop, normalisation).
 * Every embedding leaves this library L2-normalised.
 */
package dev.loupe.encoders;
