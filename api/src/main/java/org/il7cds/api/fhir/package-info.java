/**
 * FHIR R4 input for the eligibility assessment: a Bundle parsed with HAPI FHIR's R4 structures is mapped to the
 * JSON API's candidate, assessed, recorded and answered exactly as a JSON request is (docs/fhir.md). Depends on the
 * eligibility, records and web packages, never the other way round.
 */
package org.il7cds.api.fhir;
