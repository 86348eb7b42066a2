package org.il7cds.engine.eligibility;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Antiretroviral facts at the as-of date: whole months on c-ART and since the last regimen change (null
 * when the date is unknown), and the current agents (lower-case generic names; null when unknown).
 */
public final class Art {

    private final Integer monthsOnArt;
    private final Integer monthsSinceRegimenChange;
    private final LocalDate startDate;
    private final LocalDate lastRegimenChange;
    private final List<String> currentDrugs;

    Art(Integer monthsOnArt, Integer monthsSinceRegimenChange, LocalDate startDate, LocalDate lastRegimenChange,
            List<String> currentDrugs) {
        this.monthsOnArt = monthsOnArt;
        this.monthsSinceRegimenChange = monthsSinceRegimenChange;
        this.startDate = startDate;
        this.lastRegimenChange = lastRegimenChange;
        this.currentDrugs = currentDrugs == null ? null
                : currentDrugs.stream().map(d -> d.trim().toLowerCase(Locale.ROOT)).toList();
    }

    public Integer getMonthsOnArt() {
        return monthsOnArt;
    }

    public Integer getMonthsSinceRegimenChange() {
        return monthsSinceRegimenChange;
    }

    public LocalDate getStartDate() {
        return startDate;
    }

    public LocalDate getLastRegimenChange() {
        return lastRegimenChange;
    }

    public List<String> getCurrentDrugs() {
        return currentDrugs;
    }

    /** Current drugs that are neither a known active agent nor a known booster. */
    public List<String> unrecognised(List<String> agents, List<String> boosters) {
        List<String> unknown = null;
        for (String d : currentDrugs) {
            if (!agents.contains(d) && !boosters.contains(d)) {
                if (unknown == null) {
                    unknown = new ArrayList<>(2);
                }
                unknown.add(d);
            }
        }
        return unknown == null ? List.of() : List.copyOf(unknown);
    }

    /**
     * The current drugs for an explanation, boosters apart: "[darunavir, dolutegravir] + booster [ritonavir], not
     * counted" (a booster is not an active agent).
     */
    public String describe(List<String> boosters) {
        List<String> active = new ArrayList<>(currentDrugs.size());
        List<String> boosting = new ArrayList<>(1);
        for (String d : currentDrugs) {
            (boosters.contains(d) ? boosting : active).add(d);
        }
        return boosting.isEmpty() ? active.toString()
                : active + " + booster " + boosting + ", not counted";
    }

    /**
     * How many distinct active agents the current drugs hold (boosters such as ritonavir do not count); the agents
     * of one {@code sameAgent} group ("lamivudine|emtricitabine") count once.
     */
    public int activeCount(List<String> agents, List<String> sameAgent) {
        List<String> agentsSeen = new ArrayList<>(currentDrugs.size());
        for (String d : currentDrugs) {
            if (agents.contains(d)) {
                String agent = group(d, sameAgent);
                if (!agentsSeen.contains(agent)) {
                    agentsSeen.add(agent);
                }
            }
        }
        return agentsSeen.size();
    }

    /** The {@code sameAgent} groups of which the current drugs name two different members (a contradiction). */
    public List<String> duplicated(List<String> sameAgent) {
        List<String> twice = null;
        for (String g : sameAgent) {
            String first = null;
            for (String d : currentDrugs) {
                if (inGroup(g, d)) {
                    if (first == null) {
                        first = d;
                    } else if (!first.equals(d)) {
                        if (twice == null) {
                            twice = new ArrayList<>(1);
                        }
                        twice.add(g);
                        break;
                    }
                }
            }
        }
        return twice == null ? List.of() : List.copyOf(twice);
    }

    private static String group(String drug, List<String> sameAgent) {
        for (String g : sameAgent) {
            if (inGroup(g, drug)) {
                return g;
            }
        }
        return drug;
    }

    /** Whether {@code drug} is one of the '|'-separated members of {@code group} (no regex, no copies). */
    static boolean inGroup(String group, String drug) {
        int from = 0;
        while (from <= group.length()) {
            int bar = group.indexOf('|', from);
            int end = bar < 0 ? group.length() : bar;
            if (end - from == drug.length() && group.regionMatches(from, drug, 0, drug.length())) {
                return true;
            }
            if (bar < 0) {
                return false;
            }
            from = bar + 1;
        }
        return false;
    }
}
