package org.il7cds.engine.course;

import java.time.LocalDate;

/**
 * The course being monitored, as a fact: the dates of its first and last dose given and how many doses. A result
 * drawn on or after the first dose is on treatment (an IL-7 effect is possible); one drawn before it is baseline.
 */
public final class Treatment {

    private final LocalDate firstDoseDate;
    private final LocalDate lastDoseDate;
    private final int doses;
    private final LocalDate asOf;

    Treatment(LocalDate firstDoseDate, LocalDate lastDoseDate, int doses, LocalDate asOf) {
        this.firstDoseDate = firstDoseDate;
        this.lastDoseDate = lastDoseDate;
        this.doses = doses;
        this.asOf = asOf;
    }

    public LocalDate getFirstDoseDate() {
        return firstDoseDate;
    }

    public LocalDate getLastDoseDate() {
        return lastDoseDate;
    }

    public int getDoses() {
        return doses;
    }

    public LocalDate getAsOf() {
        return asOf;
    }

    @Override
    public String toString() {
        return "Treatment[" + doses + " doses from " + firstDoseDate + "]";
    }
}
