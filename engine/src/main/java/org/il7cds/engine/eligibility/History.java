package org.il7cds.engine.eligibility;

import java.util.List;
import java.util.Locale;

/** Medical history facts for the exclusion criteria; null fields are unknown. */
public final class History {

    private final Boolean priorInterleukinTherapy;
    private final List<Malignancy> malignancies;
    private final Boolean activeOpportunisticInfection;

    History(Boolean priorInterleukinTherapy, List<Malignancy> malignancies, Boolean activeOpportunisticInfection) {
        this.priorInterleukinTherapy = priorInterleukinTherapy;
        this.malignancies = malignancies;
        this.activeOpportunisticInfection = activeOpportunisticInfection;
    }

    public Boolean getPriorInterleukinTherapy() {
        return priorInterleukinTherapy;
    }

    /** Past malignancies; empty means none, null means unknown. */
    public List<Malignancy> getMalignancies() {
        return malignancies;
    }

    public Boolean getActiveOpportunisticInfection() {
        return activeOpportunisticInfection;
    }

    /** Past malignancies not in {@code allowed} (codes such as "kaposi_sarcoma"). */
    public List<Malignancy> malignanciesOtherThan(List<String> allowed) {
        return malignancies.stream().filter(m -> !allowed.contains(m.name().toLowerCase(Locale.ROOT))).toList();
    }
}
