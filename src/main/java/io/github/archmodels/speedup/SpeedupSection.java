package io.github.archmodels.speedup;

import io.github.archmodels.report.Report;
import io.github.archmodels.report.ReportSection;

/** The speedup-metrics section of the main job. */
public final class SpeedupSection implements ReportSection {

    @Override
    public String model() {
        return "speedup";
    }

    @Override
    public String title() {
        return "Speedup metrics (Eeckhout, IEEE CAL 2024)";
    }

    @Override
    public void write(Report.Section section) {
        // TODO: summarize the JDK 25 against JDK 17 JMH results.
        section.paragraph("Not built yet.");
    }
}
