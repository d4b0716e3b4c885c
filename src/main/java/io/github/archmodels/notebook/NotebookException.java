package io.github.archmodels.notebook;

/** A notebook whose execution failed, naming the notebook, the cell and the cause. */
public final class NotebookException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String notebook;
    private final int cellNumber;

    NotebookException(String notebook, int cellNumber, CellException cause) {
        super(notebook + ", cell " + cellNumber + ": " + cause.getMessage(), cause);
        this.notebook = notebook;
        this.cellNumber = cellNumber;
    }

    /** Returns the notebook's file name. */
    public String notebook() {
        return notebook;
    }

    /** Returns the failing cell's number, counting every cell (markdown too) from 1, as Jupyter shows them. */
    public int cellNumber() {
        return cellNumber;
    }

    /** Returns what failed inside the cell. */
    public CellException cellFailure() {
        return (CellException) getCause();
    }
}
