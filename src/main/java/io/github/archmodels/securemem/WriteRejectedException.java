package io.github.archmodels.securemem;

/**
 * Thrown when a write cannot get a new counter: its Baobab entry is full under
 * {@link FullEntryPolicy#STALL}, or the counter would overflow. The block keeps its old contents.
 */
public final class WriteRejectedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    WriteRejectedException(String message) {
        super(message);
    }
}
