package nnj.api.io;

import java.io.IOException;

/** A model file that is truncated, malformed, or whose header does not match its contents. */
public class MalformedModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A refusal whose message names the file and what is wrong with it. */
    public MalformedModelFileException(String message) {
        super(message);
    }
}
