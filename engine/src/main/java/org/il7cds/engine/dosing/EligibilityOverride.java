package org.il7cds.engine.dosing;

/**
 * An authorised exception to "only ELIGIBLE candidates get a calendar". The calendar records it.
 *
 * @param reasonCode a coded reason (see {@link OverrideReason})
 * @param authorisedBy the name or staff id of the person who authorised it
 * @param note optional free text
 */
public record EligibilityOverride(OverrideReason reasonCode, String authorisedBy, String note) {
}
