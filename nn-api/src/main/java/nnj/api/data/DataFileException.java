package nnj.api.data;

/**
 * A data file that cannot be used as it is: wrong format, truncated, inconsistent, or unreadable.
 * The message names the file and says what is wrong; it is meant to be shown to the user as is.
 *
 * <p>An {@link IllegalArgumentException} because a bad file is bad input, not a bug.
 */
public class DataFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DataFileException(String message) {
        super(message);
    }

    public DataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
