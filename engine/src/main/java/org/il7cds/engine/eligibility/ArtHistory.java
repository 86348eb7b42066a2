package org.il7cds.engine.eligibility;

import java.time.LocalDate;
import java.util.List;

/**
 * Antiretroviral history. Drugs are named as the rules' terminology ({@code rules/terminology/antiretrovirals.yaml})
 * knows them: a generic name, a salt or ester form, an abbreviation ("TDF"), a brand, a fixed-dose combination
 * ("Biktarvy"), or an RxNorm or ATC code; the engine counts their ingredients. A name the terminology or the
 * protocol's agent list does not know makes the c-ART criterion UNKNOWN, naming it, rather than guessed. A regimen that never changed has {@code lastRegimenChange} equal to
 * {@code startDate}; a null field means "not known".
 */
public record ArtHistory(LocalDate startDate, LocalDate lastRegimenChange, List<String> currentDrugs) {
    public ArtHistory {
        currentDrugs = currentDrugs == null ? null
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(currentDrugs));
    }
}
