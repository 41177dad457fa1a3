package nnj.api.backend;

/**
 * Reductions along each row of a matrix, for {@link Backend#reduceRows}; the output has one element
 * per row. Stateless constants, safe to share.
 */
public enum RowReduction {
    /** Σⱼ x[i, j] */
    SUM,
    /** maxⱼ x[i, j]; NaN if the row holds a NaN. */
    MAX,
    /** ln Σⱼ exp(x[i, j]), computed as m + ln Σⱼ exp(x[i, j] − m) with m the row maximum, so it never overflows. */
    LOG_SUM_EXP
}
