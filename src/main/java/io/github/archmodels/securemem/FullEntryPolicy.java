package io.github.archmodels.securemem;

/**
 * The action of a Baobab table when a write needs a new counter value and every cell of the
 * block's entry is in use.
 */
public enum FullEntryPolicy {
    /**
     * The entry blocks the write, as in the authors' gem5 code, which has no recovery path. The
     * model counts the event and rejects the write, so the block keeps its old contents.
     */
    STALL,
    /**
     * Re-encrypts every block of the entry under one new value ({@code max + 1}), resets the entry
     * to that single cell and clears the blocks' indices, then performs the write. Our inference:
     * the reference code leaves this case open.
     */
    REBASE
}
