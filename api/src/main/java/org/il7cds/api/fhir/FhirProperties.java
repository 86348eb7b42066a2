package org.il7cds.api.fhir;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code il7cds.fhir.*}: how a FHIR record is read as a candidate (docs/fhir.md). All are assumptions [U]: the trial
 * papers give none of these figures (shared clinical reference §2 and §3.5).
 *
 * @param statusMaxAgeDays how old, in days before the as-of date, the latest pregnancy or breast-feeding status
 *     Observation may be and still be read as the patient's status; older, the status is unknown
 * @param artGapMaxDays the most days in a row without any antiretroviral that the record may show and the treatment
 *     still count as uninterrupted; a longer gap starts c-ART again at the next start (the protocols' "on c-ART for 12
 *     months" counts from there)
 * @param negativeMaxAgeDays how old, in days before the as-of date, a stated negative may be and still be read as
 *     "none": a refuted ICD-10 C80 or SNOMED CT 363346000 ("no malignancy") or a refuted WHO ICD-10 B20 ("no
 *     opportunistic infection") by its {@code recordedDate}; an interleukin "not taken" by its {@code dateAsserted}
 *     (else its effective date, or its period's end); a "no medications" List by its {@code date}. Older or undated,
 *     the criterion is unknown
 */
@ConfigurationProperties("il7cds.fhir")
public record FhirProperties(@DefaultValue("30") int statusMaxAgeDays, @DefaultValue("7") int artGapMaxDays,
        @DefaultValue("90") int negativeMaxAgeDays) {

    public FhirProperties {
        if (statusMaxAgeDays < 0) {
            throw new IllegalArgumentException("il7cds.fhir.status-max-age-days must be 0 or more, not "
                    + statusMaxAgeDays);
        }
        if (artGapMaxDays < 0) {
            throw new IllegalArgumentException("il7cds.fhir.art-gap-max-days must be 0 or more, not " + artGapMaxDays);
        }
        if (negativeMaxAgeDays < 0) {
            throw new IllegalArgumentException("il7cds.fhir.negative-max-age-days must be 0 or more, not "
                    + negativeMaxAgeDays);
        }
    }
}
