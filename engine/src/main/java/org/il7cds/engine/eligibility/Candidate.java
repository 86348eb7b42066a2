package org.il7cds.engine.eligibility;

import java.time.LocalDate;
import java.util.List;

/**
 * A candidate snapshot as a screening clinic has it. Every field but the pseudonymous id may be null,
 * meaning "not known": an unknown datum never makes a candidate eligible, it makes the criterion that
 * needs it UNKNOWN and the assessment says what would settle it.
 *
 * @param pseudonymId the clinic's pseudonymous identifier (never a name); echoed in the assessment only
 * @param ageYears age in whole years at the as-of date, for clinics that do not hold the date of birth
 * @param malignancyHistory past malignancies; an empty list means "none", null means "not known"
 */
public record Candidate(
        String pseudonymId,
        LocalDate birthDate,
        Integer ageYears,
        Sex sex,
        Boolean pregnant,
        Boolean breastfeeding,
        List<LabResult> labs,
        ArtHistory art,
        Boolean priorInterleukinTherapy,
        List<Malignancy> malignancyHistory,
        Boolean activeOpportunisticInfection) {

    public Candidate {
        // Copies that keep null items, so that CandidateFacts reports them as field problems instead of failing here.
        labs = labs == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(labs));
        malignancyHistory = malignancyHistory == null ? null
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(malignancyHistory));
    }
}
