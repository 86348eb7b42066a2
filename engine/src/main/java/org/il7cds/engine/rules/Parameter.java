package org.il7cds.engine.rules;

import java.math.BigDecimal;
import java.util.List;

/**
 * One protocol parameter from a protocol file: a number with its unit, or a list of codes, with the
 * source it comes from and whether it is an assumption (not confirmed by the protocol's own paper).
 */
public record Parameter(String name, BigDecimal number, List<String> codes, String unit, String source,
        boolean assumption) {

    public Parameter {
        codes = codes == null ? null : codes instanceof CodeList list ? list : new CodeList(codes);
    }

    public boolean isNumber() {
        return number != null;
    }

    /** "100 cells/uL", or the list of codes. */
    public String display() {
        if (number != null) {
            return number.toPlainString() + (unit == null || unit.isBlank() ? "" : " " + unit);
        }
        return String.join(", ", codes);
    }
}
