package nnj.api.layers;

/** Whether a forward pass is part of training (dropout active) or of inference. */
public enum Mode {
    /** Training: stochastic layers such as {@link Dropout} draw fresh noise. */
    TRAIN,
    /** Inference and evaluation: every layer is deterministic. */
    EVAL
}
