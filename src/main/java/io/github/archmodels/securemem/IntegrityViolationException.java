package io.github.archmodels.securemem;

/** Thrown when a read or write finds memory contents that do not match the MACs or the tree. */
public final class IntegrityViolationException extends SecurityException {

    private static final long serialVersionUID = 1L;

    /** The check that failed: the block's MAC or the integrity tree. */
    public enum Location { DATA_MAC, TREE }

    private final Location location;

    IntegrityViolationException(Location location, String message) {
        super(message);
        this.location = location;
    }

    /** Returns whether the block's MAC or the integrity tree caught the mismatch. */
    public Location location() {
        return location;
    }
}
