package org.il7cds.engine.dosing;

import java.math.BigDecimal;

/** One subcutaneous injection of a dose that is split across sites. */
public record InjectionSite(int site, BigDecimal volumeMl) {
}
