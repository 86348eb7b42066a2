package org.il7cds.engine.eligibility;

import java.util.Collection;

/**
 * The overall answer. NOT_ELIGIBLE as soon as one criterion is NOT_MET (even when others are unknown);
 * otherwise INCOMPLETE when one is UNKNOWN; ELIGIBLE only when every criterion is MET.
 */
public enum Verdict {
    ELIGIBLE, NOT_ELIGIBLE, INCOMPLETE;

    public static Verdict of(Collection<Status> statuses) {
        if (statuses.contains(Status.NOT_MET)) {
            return NOT_ELIGIBLE;
        }
        if (statuses.isEmpty() || statuses.contains(Status.UNKNOWN)) {
            return INCOMPLETE;
        }
        return ELIGIBLE;
    }
}
