package org.il7cds.engine.dosing;

import java.time.LocalDate;
import java.util.List;

/** A monitoring visit (labs such as CD4 and HIV-1 RNA) at one of the protocol's time points. */
public record MonitoringVisit(String id, String label, int courseDay, LocalDate date, List<String> labs,
        boolean assumption, String source) {

    public MonitoringVisit {
        labs = List.copyOf(labs);
    }
}
