package org.il7cds.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.SafeYaml;
import org.il7cds.engine.terminology.DrugTerminology;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code il7cds.fhir.*} as Spring binds it, and the c-ART gap it sets read by the mapper. */
class FhirPropertiesTest {

    private static FhirProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("il7cds.fhir",
                FhirProperties.class);
    }

    @Test
    void theDefaultsAreTheDocumentedAssumptions() {
        assertThat(bind(Map.of())).isEqualTo(new FhirProperties(30, 7, 90));
        assertThat(bind(Map.of("il7cds.fhir.art-gap-max-days", "0")).artGapMaxDays()).isZero();
    }

    @Test
    void aNegativeWindowIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> bind(Map.of("il7cds.fhir.art-gap-max-days", "-1")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("il7cds.fhir.art-gap-max-days");
        assertThatThrownBy(() -> bind(Map.of("il7cds.fhir.status-max-age-days", "-3")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("status-max-age-days");
        assertThatThrownBy(() -> bind(Map.of("il7cds.fhir.negative-max-age-days", "-1")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("negative-max-age-days");
    }

    @Test
    void theGapSettingDecidesWhetherAPauseInterruptsCart() {
        // Biktarvy to 2026-04-30, then again from 2026-05-03: two days without.
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Patient p = new Patient();
        p.setId("GAP-1");
        b.addEntry().setResource(p);
        b.addEntry().setResource(statement("before", MedicationStatement.MedicationStatementStatus.COMPLETED,
                "2015-01-01", "2026-04-30"));
        b.addEntry().setResource(statement("now", MedicationStatement.MedicationStatementStatus.ACTIVE,
                "2026-05-03", null));
        assertThat(cartStart(b, 2)).isEqualTo(LocalDate.of(2015, 1, 1));
        assertThat(cartStart(b, 1)).isEqualTo(LocalDate.of(2026, 5, 3));
        assertThat(cartStart(b, 0)).isEqualTo(LocalDate.of(2026, 5, 3));
    }

    private static LocalDate cartStart(Bundle b, int gapDays) {
        DrugTerminology drugs = DrugTerminology.parse(SafeYaml.create()
                .load(RuleBundle.fromClasspath().text("terminology/antiretrovirals.yaml"))).terminology();
        return new FhirCandidateMapper(drugs, ConditionCodes.parse(null), LocalDate.of(2026, 11, 26),
                new FhirProperties(30, gapDays, 90)).map(b).getArt().getStartDate();
    }

    private static MedicationStatement statement(String id, MedicationStatement.MedicationStatementStatus status,
            String from, String to) {
        MedicationStatement ms = new MedicationStatement();
        ms.setId(id);
        ms.setStatus(status);
        ms.setMedication(new CodeableConcept().setText("Biktarvy"));
        ms.setSubject(new Reference("Patient/GAP-1"));
        Period period = new Period().setStartElement(new DateTimeType(from));
        if (to != null) {
            period.setEndElement(new DateTimeType(to));
        }
        ms.setEffective(period);
        return ms;
    }
}
