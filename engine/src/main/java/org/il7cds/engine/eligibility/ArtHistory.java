package org.il7cds.engine.eligibility;

import java.time.LocalDate;
import java.util.List;

/**
 * Antiretroviral history. Drugs are individual agents by generic name ("dolutegravir", not a brand or a
 * fixed-dose combination); a name the protocol's agent list does not know makes the c-ART criterion
 * UNKNOWN rather than guessed. A regimen that never changed has {@code lastRegimenChange} equal to
 * {@code startDate}; a null field means "not known".
 */
public record ArtHistory(LocalDate startDate, LocalDate lastRegimenChange, List<String> currentDrugs) {
    public ArtHistory {
        currentDrugs = currentDrugs == null ? null
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(currentDrugs));
    }
}
