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

    /** How many distinct current drugs are active agents (boosters such as ritonavir do not count). */
    public int activeCount(List<String> agents) {
        return (int) currentDrugs.stream().filter(agents::contains).distinct().count();
    }
}
