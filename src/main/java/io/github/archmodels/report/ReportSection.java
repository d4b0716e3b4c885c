package io.github.archmodels.report;

import java.io.IOException;

/**
 * One model's part of the main job: it runs the model on the embedded data and adds its tables,
 * charts, notes and headline figures to a {@link Report.Section}.
 */
public interface ReportSection {

    /** Returns the short model name used in {@code summary.csv}, for example {@code speedup}. */
    String model();

    /** Returns the section heading shown in the report. */
    String title();

    /**
     * Runs the model and fills {@code section}.
     *
     * @throws IOException if an input file under the data directory cannot be read
     */
    void write(Report.Section section) throws IOException;
}
