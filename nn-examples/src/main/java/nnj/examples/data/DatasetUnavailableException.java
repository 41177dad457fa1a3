package nnj.examples.data;

/**
 * A named dataset could not be found, downloaded or verified. The message says what was tried
 * and what the user can do; show it as is.
 */
public class DatasetUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public DatasetUnavailableException(String message) {
        super(message);
    }

    public DatasetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
