package nnj.api.data;

/** What a dataset's targets mean. */
public enum Task {
    /** Each sample has one class label in [0, classes); targets are one-hot rows. */
    CLASSIFICATION,
    /** Each sample has one or more real-valued targets. */
    REGRESSION
}
