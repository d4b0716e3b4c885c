package io.github.archmodels.notebook;

import java.util.List;

/**
 * A cell that failed: a snippet that did not compile, an exception thrown by cell code, an
 * incomplete statement, or a rejected magic. The message names the failing snippet and the reason.
 */
public final class CellException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Failure category of a cell. */
    public enum Kind {
        /** javac rejected a snippet, or a declaration still had unresolved references at the cell's end. */
        COMPILE_ERROR,
        /** Cell code threw an exception. */
        EXCEPTION,
        /** The cell ended inside a statement. */
        INCOMPLETE,
        /** A magic that the runner does not support, or a {@code %jars} path that matched no file. */
        MAGIC
    }

    private final Kind kind;
    private final String exceptionClassName;
    private final List<String> traceback;

    CellException(Kind kind, String message, String exceptionClassName, List<String> traceback, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.exceptionClassName = exceptionClassName;
        this.traceback = List.copyOf(traceback);
    }

    CellException(Kind kind, String message) {
        this(kind, message, null, List.of(message), null);
    }

    public Kind kind() {
        return kind;
    }

    /** Returns the error name for the notebook's error output: the exception class or the kind. */
    public String errorName() {
        return exceptionClassName != null ? exceptionClassName : kind.name();
    }

    /** Returns the lines shown as the traceback of the notebook's error output. */
    public List<String> traceback() {
        return traceback;
    }
}
