package org.il7cds.api.fhir;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code il7cds.fhir.*}: how a FHIR record is read as a candidate (docs/fhir.md). Both are assumptions [U]: the trial
 * papers give neither figure (shared clinical reference §2 and §3.5).
 *
 * @param statusMaxAgeDays how old, in days before the as-of date, the latest pregnancy or breast-feeding status
 *     Observation may be and still be read as the patient's status; older, the status is unknown
 * @param artGapMaxDays the most days in a row without any antiretroviral that the record may show and the treatment
 *     still count as uninterrupted; a longer gap starts c-ART again at the next start (the protocols' "on c-ART for 12
 *     months" counts from there)
 */
@ConfigurationProperties("il7cds.fhir")
public record FhirProperties(@DefaultValue("30") int statusMaxAgeDays, @DefaultValue("7") int artGapMaxDays) {

    public FhirProperties {
        if (statusMaxAgeDays < 0) {
            throw new IllegalArgumentException("il7cds.fhir.status-max-age-days must be 0 or more, not "
                    + statusMaxAgeDays);
        }
        if (artGapMaxDays < 0) {
            throw new IllegalArgumentException("il7cds.fhir.art-gap-max-days must be 0 or more, not " + artGapMaxDays);
        }
    }
}
