package org.il7cds.engine.course;

import java.time.LocalDate;
import java.util.List;
import org.il7cds.engine.eligibility.Candidate;

/**
 * On-treatment monitoring asked for: the candidate (pseudonym and HIV-1 RNA results, before, during and after the
 * course; other results are allowed and ignored), the doses given, and the date the answer is made as of.
 *
 * @param protocolId the protocol whose monitoring rules apply; null means levy-2009
 * @param doseDates the dates the course's doses were given: at least one, none after the as-of date
 * @param asOf null means today
 */
public record MonitoringRequest(String protocolId, Candidate candidate, List<LocalDate> doseDates, LocalDate asOf) {

    public MonitoringRequest {
        doseDates = doseDates == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(doseDates));
    }
}
