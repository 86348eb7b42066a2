package org.il7cds.engine.scenarios;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.il7cds.engine.dosing.CalendarRequest;
import org.il7cds.engine.dosing.OverrideReason;
import org.il7cds.engine.eligibility.Verdict;

/**
 * One dosing calendar scenario file ({@code protocols/<id>/scenarios/dosing/*.yaml}, format in the README.md
 * there): a calendar request, the day it is planned on, and the calendar or the error the engine must produce.
 * Only what the file states is checked.
 *
 * @param protocolId the protocol whose folder holds the file
 * @param source the protocol clause or assumption the scenario checks (free text)
 * @param today the day the calendar is planned on (the clock of the run)
 * @param fields the request's names of the engine's fields, for refusals
 */
public record DosingScenario(String file, String name, String protocolId, String source, LocalDate today,
        CalendarRequest request, Expected expected, RequestFields fields) {

    /**
     * What the calendar must show (null fields are not checked), or, when {@code error} is set, the error instead.
     *
     * @param override the override reason recorded on the calendar
     * @param noOverride true when the file says {@code override: none}: the calendar must record no override
     * @param movedFrom dose number to the date it would have had
     */
    public record Expected(Verdict eligibility, OverrideReason override, boolean noOverride, BigDecimal doseUg,
            List<LocalDate> dates, List<Integer> courseDays, BigDecimal volumeMl, BigDecimal volumeRoundingErrorPercent,
            List<BigDecimal> sitesMl, Map<Integer, LocalDate> movedFrom, List<String> notesContain,
            ExpectedError error) {
    }
}
