package nnj.api.backend;

/**
 * Thrown when a named backend is unknown or cannot run here, or when no backend is available. Its
 * message lists every backend found, with its status, so the user can pick another.
 */
public class BackendSelectionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was asked for, why it cannot be had, and the list of backends found
     */
    public BackendSelectionException(String message) {
        super(message);
    }
}
