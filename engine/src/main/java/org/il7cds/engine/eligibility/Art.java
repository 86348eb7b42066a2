package org.il7cds.engine.eligibility;

import java.time.LocalDate;
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
        return currentDrugs.stream().filter(d -> !agents.contains(d) && !boosters.contains(d)).toList();
    }

    /**
     * How many distinct active agents the current drugs hold (boosters such as ritonavir do not count); the agents
     * of one {@code sameAgent} group ("lamivudine|emtricitabine") count once.
     */
    public int activeCount(List<String> agents, List<String> sameAgent) {
        return (int) currentDrugs.stream().filter(agents::contains).map(d -> group(d, sameAgent)).distinct().count();
    }

    /** The {@code sameAgent} groups of which the current drugs name two different members (a contradiction). */
    public List<String> duplicated(List<String> sameAgent) {
        return sameAgent.stream()
                .filter(g -> currentDrugs.stream().filter(d -> List.of(g.split("\\|")).contains(d)).distinct().count() > 1)
                .toList();
    }

    private static String group(String drug, List<String> sameAgent) {
        return sameAgent.stream().filter(g -> List.of(g.split("\\|")).contains(drug)).findFirst().orElse(drug);
    }
}
