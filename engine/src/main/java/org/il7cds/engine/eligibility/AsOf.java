package org.il7cds.engine.eligibility;

import java.time.LocalDate;

/** The date the assessment is made as of; rules use it to say which dates would settle an unknown. */
public final class AsOf {

    private final LocalDate date;

    AsOf(LocalDate date) {
        this.date = date;
    }

    public LocalDate getDate() {
        return date;
    }

    public LocalDate minusDays(int days) {
        return date.minusDays(days);
    }

    public LocalDate minusMonths(int months) {
        return date.minusMonths(months);
    }
}
