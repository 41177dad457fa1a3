package nnj.api.model;

/**
 * A model's output for one sample is NaN or infinite: never a prediction. Carries the sample's
 * index, so that a caller reading a file can name the line it came from instead of the index.
 */
public final class NonFiniteOutputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int sample;
    private final String detail;

    NonFiniteOutputException(int sample, String detail) {
        super("sample " + (sample + 1) + ": " + detail);
        this.sample = sample;
        this.detail = detail;
    }

    /** The sample's row in the input, counted from 0. */
    public int sample() {
        return sample;
    }

    /** What went wrong and what to do, without the sample's place. */
    public String detail() {
        return detail;
    }
}
