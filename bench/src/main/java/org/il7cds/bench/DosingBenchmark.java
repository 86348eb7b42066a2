package org.il7cds.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.il7cds.engine.dosing.CalendarFormats;
import org.il7cds.engine.dosing.CalendarRequest;
import org.il7cds.engine.dosing.DosingCalendar;
import org.il7cds.engine.dosing.DosingEngine;
import org.il7cds.engine.eligibility.ArtHistory;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.LabResult;
import org.il7cds.engine.eligibility.Sex;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.rules.ActiveRules;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One dosing calendar through the facade: eligibility assessed as of the first injection, the dosing rules, the
 * placement of 8 doses on Monday/Wednesday/Friday, volumes and sites (70 kg, 10 µg/kg, 2000 µg/mL, 0.5 mL per
 * site); and the same calendar written as iCalendar (ical4j) and CSV.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DosingBenchmark {

    private DosingEngine engine;
    private CalendarRequest request;
    private DosingCalendar calendar;

    @Setup
    public void setUp() {
        ActiveRules rules = new ActiveRules(BenchFixtures.packagedRules());
        engine = new DosingEngine(rules, BenchFixtures.engine(rules.get()), BenchFixtures.CLOCK);
        LocalDate drawn = BenchFixtures.TODAY.minusDays(7);
        Candidate candidate = new Candidate("BENCH-DOSING", LocalDate.of(1980, 5, 1), null, Sex.MALE, false, false,
                List.of(LabResult.of(LabKind.CD4_COUNT, "250", "cells/uL", drawn),
                        LabResult.parse(LabKind.HIV_RNA, "<20", "copies/mL", drawn),
                        LabResult.of(LabKind.NEUTROPHILS, "2100", "cells/uL", drawn),
                        LabResult.of(LabKind.HAEMOGLOBIN, "13.2", "g/dL", drawn),
                        LabResult.of(LabKind.PLATELETS, "210", "10*9/L", drawn),
                        LabResult.of(LabKind.CREATININE, "0.9", "mg/dL", drawn).withUpperLimitOfNormal(new BigDecimal("1.2"))),
                new ArtHistory(LocalDate.of(2020, 6, 1), LocalDate.of(2024, 1, 10),
                        List.of("dolutegravir", "lamivudine", "abacavir")),
                false, List.of(), false);
        request = new CalendarRequest(null, new BigDecimal("10"), new BigDecimal("70"), BenchFixtures.TODAY.minusDays(2),
                LocalDate.of(2026, 12, 7), null, List.of(), new BigDecimal("2000"), new BigDecimal("0.5"), null,
                candidate, null);
        calendar = engine.plan(request);
        if (calendar.doses().size() != 8) {
            throw new IllegalStateException("the benchmark calendar must have 8 doses, not " + calendar.doses().size());
        }
    }

    @Benchmark
    public DosingCalendar plan() {
        return engine.plan(request);
    }

    @Benchmark
    public String iCalendar() {
        return CalendarFormats.toICalendar(calendar);
    }

    @Benchmark
    public String csv() {
        return CalendarFormats.toCsv(calendar);
    }
}
