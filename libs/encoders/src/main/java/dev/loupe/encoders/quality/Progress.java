package dev.loupe.encoders.quality;

/** Hears how far an evaluation has got; called on the evaluating thread after each batch. */
@FunctionalInterface
public interface Progress {

    /** Ignores every update. */
    Progress NONE = (stage, done, total) -> {};

    /**
     * @param stage what is being embedded ("prompts", "images", "captions")
     * @param done items finished so far in this stage
     * @param total items in this stage
     */
    void update(String stage, int done, int total);
}
