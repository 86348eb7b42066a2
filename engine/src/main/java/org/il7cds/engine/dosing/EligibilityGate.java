package org.il7cds.engine.dosing;

import org.il7cds.engine.eligibility.Verdict;

/** The fact dosing rules see for eligibility: the verdict as of the first injection and the override, if any. */
public final class EligibilityGate {

    private final Verdict verdict;
    private final EligibilityOverride override;

    EligibilityGate(Verdict verdict, EligibilityOverride override) {
        this.verdict = verdict;
        this.override = override;
    }

    public Verdict getVerdict() {
        return verdict;
    }

    /** A complete override (coded reason and who authorised it; the engine checked both), or null. */
    public EligibilityOverride getOverride() {
        return override;
    }
}
