package nnj.data;

/**
 * A data file that cannot be used as it is: wrong format, truncated, inconsistent, or unreadable.
 * The message names the file and says what is wrong; it is meant to be shown to the user as is.
 *
 * <p>An {@link IllegalArgumentException} because a bad file is bad input, not a bug.
 */
public class DataFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A refusal with a message that says what is wrong with the file and what to do. */
    public DataFileException(String message) {
        super(message);
    }

    /** A refusal caused by a lower-level error, such as an I/O failure. */
    public DataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
