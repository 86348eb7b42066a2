package org.il7cds.engine.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.il7cds.engine.fixtures.SeededStrings;
import org.junit.jupiter.api.Test;

/** The lookup key of a drug's text: the one-pass folding agrees with the regular-expression definition it replaced. */
class DrugTerminologyKeyTest {

    @Test
    void keyAgreesWithItsRegularExpressionDefinitionOn20000SeededStrings() {
        String[] pieces = {" ", "  ", "\t", "\n", "\u000b", "\f", "\r", "\u00a0", "\u2003", "Ten", "ofovir", "DF",
            "3TC", "/", "+", "É", "İ", "ß", "-", "\u0001"};
        for (String text : SeededStrings.of(pieces, 20261202L, 20_000)) {
            String expected = text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            assertThat(DrugTerminology.key(text)).as("text %s", text.codePoints().mapToObj(Integer::toHexString)
                    .toList()).isEqualTo(expected);
        }
    }
}
