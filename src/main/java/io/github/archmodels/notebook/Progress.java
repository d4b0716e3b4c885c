package io.github.archmodels.notebook;

import java.io.PrintStream;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long run (a sweep, a training loop), shown where the user looks.
 *
 * <ul>
 *   <li>In a Jupyter kernel: an HTML progress bar that updates in place (one
 *       {@code display_data}, then {@code update_display_data} messages with the same display id).</li>
 *   <li>On a terminal ({@link System#console()} present): one line on standard error, rewritten
 *       with a carriage return.</li>
 *   <li>Elsewhere (logs, CI, tests): slf4j INFO lines at the start, at every quarter and at the end.</li>
 * </ul>
 *
 * <p>Updates are throttled to one every {@value #MIN_UPDATE_INTERVAL_MS} ms, and the final state is
 * always shown by {@link #close()}. The class is thread-safe: sweeps running on a parallel stream
 * can call {@link #step()} from every worker.
 *
 * <pre>{@code
 * try (Progress progress = Progress.start("sweep", configs.size())) {
 *     for (var c : configs) { run(c); progress.step(); }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {

    /** Shortest time between two displayed updates, in milliseconds. */
    public static final long MIN_UPDATE_INTERVAL_MS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final String task;
    private final long total;
    private final Sink sink;
    private final long startNanos;
    private final AtomicLong done = new AtomicLong();
    private long lastShownNanos;
    private int lastQuarter;
    private boolean closed;

    private Progress(String task, long total, Sink sink) {
        this.task = task;
        this.total = total;
        this.sink = sink;
        this.startNanos = System.nanoTime();
    }

    /**
     * Starts a progress display for {@code total} steps, choosing the kernel, terminal or log form.
     *
     * @param task  short name of the run, shown before the counts
     * @param total number of steps, at least 1
     */
    public static Progress start(String task, long total) {
        Object kernel = KernelDisplay.kernel();
        Sink sink;
        if (kernel != null && KernelDisplay.install()) {
            sink = new KernelSink(kernel);
        } else if (System.console() != null) {
            sink = new TerminalSink(System.err);
        } else {
            sink = new LogSink();
        }
        return start(task, total, sink);
    }

    /** Starts a progress line on {@code terminal}, for example {@code System.err}. */
    public static Progress onTerminal(String task, long total, PrintStream terminal) {
        return start(task, total, new TerminalSink(terminal));
    }

    private static Progress start(String task, long total, Sink sink) {
        if (total < 1) {
            throw new IllegalArgumentException("total must be at least 1 step, got " + total
                    + "; pass the number of steps of the run");
        }
        Progress progress = new Progress(task == null ? "" : task, total, sink);
        progress.show(true);
        return progress;
    }

    /** Counts one finished step. */
    public void step() {
        advance(1);
    }

    /** Counts {@code steps} finished steps. */
    public void advance(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        done.addAndGet(steps);
        show(false);
    }

    /** Returns the number of finished steps so far. */
    public long done() {
        return done.get();
    }

    /** Returns the text shown for the current state, for example {@code sweep: 40/100 (40%), 1.2 s}. */
    public String text() {
        long finished = Math.min(done.get(), total);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return String.format(Locale.ROOT, "%s: %d/%d (%.0f%%), %.1f s", task, finished, total,
                100.0 * finished / total, seconds);
    }

    /** Shows the final state; later calls do nothing. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            sink.finish(this);
        }
    }

    private void show(boolean first) {
        long now = System.nanoTime();
        synchronized (this) {
            if (closed) {
                return;
            }
            if (first) {
                lastShownNanos = now;
                sink.begin(this);
                return;
            }
            int quarter = (int) (4 * Math.min(done.get(), total) / total);
            boolean quarterPassed = quarter > lastQuarter;
            lastQuarter = Math.max(lastQuarter, quarter);
            if (now - lastShownNanos >= MIN_UPDATE_INTERVAL_MS * 1_000_000L || done.get() >= total) {
                lastShownNanos = now;
                sink.update(this, quarterPassed);
            } else if (quarterPassed) {
                sink.update(this, true);
            }
        }
    }

    String html() {
        long finished = Math.min(done.get(), total);
        return "<div class=\"archmodels-progress\"><progress value=\"" + finished + "\" max=\"" + total
                + "\" style=\"width:20em\"></progress> <span>" + Html.escape(text()) + "</span></div>";
    }

    /** Output target of a progress display; its methods run with the progress object's lock held. */
    private interface Sink {
        void begin(Progress p);

        void update(Progress p, boolean quarterPassed);

        void finish(Progress p);
    }

    private static final class KernelSink implements Sink {
        private final Object kernel;
        private final String displayId = "archmodels-progress-" + UUID.randomUUID();

        KernelSink(Object kernel) {
            this.kernel = kernel;
        }

        @Override
        public void begin(Progress p) {
            BaseKernelBridge.display(kernel, displayId, p.text(), p.html());
        }

        @Override
        public void update(Progress p, boolean quarterPassed) {
            BaseKernelBridge.update(kernel, displayId, p.text(), p.html());
        }

        @Override
        public void finish(Progress p) {
            BaseKernelBridge.update(kernel, displayId, p.text(), p.html());
        }
    }

    private static final class TerminalSink implements Sink {
        private final PrintStream out;

        TerminalSink(PrintStream out) {
            this.out = out;
        }

        @Override
        public void begin(Progress p) {
            // Trailing blanks clear what a longer earlier line left on the terminal.
            out.print("\r" + p.text() + "   ");
            out.flush();
        }

        @Override
        public void update(Progress p, boolean quarterPassed) {
            begin(p);
        }

        @Override
        public void finish(Progress p) {
            out.println("\r" + p.text());
            out.flush();
        }
    }

    private static final class LogSink implements Sink {
        @Override
        public void begin(Progress p) {
            LOG.info("{}", p.text());
        }

        @Override
        public void update(Progress p, boolean quarterPassed) {
            if (quarterPassed && p.done.get() < p.total) {
                LOG.info("{}", p.text());
            }
        }

        @Override
        public void finish(Progress p) {
            LOG.info("{}", p.text());
        }
    }
}
