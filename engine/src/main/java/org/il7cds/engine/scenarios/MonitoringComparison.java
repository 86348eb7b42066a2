package org.il7cds.engine.scenarios;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.il7cds.engine.course.MonitoringAnswer;
import org.il7cds.engine.scenarios.MonitoringScenario.Expected;

/** Compares a monitoring answer with what a monitoring scenario expects (only the keys the file gives). */
final class MonitoringComparison {

    private MonitoringComparison() {
    }

    static void compare(Expected e, MonitoringAnswer a, List<String> diff) {
        Map<LocalDate, MonitoringAnswer.Result> byDate = new LinkedHashMap<>();
        a.results().forEach(r -> byDate.put(r.sampleDate(), r));
        e.results().forEach((date, cls) -> {
            MonitoringAnswer.Result r = byDate.get(date);
            if (r == null) {
                diff.add(date + ": no HIV-1 RNA result of that date");
            } else if (!r.classification().equals(cls)) {
                diff.add(date + ": expected " + cls + ", got " + r.classification() + " (rule '" + r.rule() + "')");
            }
        });
        e.rules().forEach((date, rule) -> {
            MonitoringAnswer.Result r = byDate.get(date);
            if (r != null && !Objects.equals(rule, r.rule())) {
                diff.add(date + ": expected rule '" + rule + "', got '" + r.rule() + "'");
            }
        });
        if (e.actions() != null) {
            List<String> got = a.actions().stream().map(x -> x.action() + " by " + x.dueBy()).toList();
            if (!got.equals(e.actions())) {
                diff.add("actions: expected " + e.actions() + ", got " + got);
            }
        }
        if (e.visits() != null) {
            List<String> visits = a.visits().stream().flatMap(v -> {
                List<String> texts = new ArrayList<>();
                texts.add(v.date() + " " + v.kind() + " " + v.label());
                v.actions().forEach(x -> texts.add(v.date() + " " + x));
                return texts.stream();
            }).toList();
            for (String expected : e.visits()) {
                if (visits.stream().noneMatch(v -> v.contains(expected))) {
                    diff.add("visits: expected one containing '" + expected + "', got " + visits);
                }
            }
        }
        if (e.stopIl7() != null && e.stopIl7() != a.stopIl7()) {
            diff.add("stopIl7: expected " + e.stopIl7() + ", got " + a.stopIl7());
        }
    }
}
