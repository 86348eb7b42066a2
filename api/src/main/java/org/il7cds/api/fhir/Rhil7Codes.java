package org.il7cds.api.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.il7cds.engine.rules.SafeYaml;

/**
 * How a medication is recognised as rhIL-7: the codings and names of {@code rules/terminology/rhil7.yaml}, which the
 * informaticians maintain (no code is confirmed today, so the file lists names only, as labelled assumptions). A
 * name matches a text or display equal to it, or followed by a space and more ("CYT107 injection"), without case.
 */
public final class Rhil7Codes {

    public static final String PATH = "terminology/rhil7.yaml";

    private record Code(String system, String code) {
    }

    private final List<Code> codes;
    private final List<String> names;

    private Rhil7Codes(List<Code> codes, List<String> names) {
        this.codes = codes;
        this.names = names;
    }

    /** Reads the file's text; a bundle without it recognises nothing (no order is checked). */
    public static Rhil7Codes parse(String text) {
        List<Code> codes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (text != null && SafeYaml.create().load(text) instanceof Map<?, ?> root) {
            if (root.get("codes") instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m && m.get("system") != null && m.get("code") != null) {
                        codes.add(new Code(String.valueOf(m.get("system")), String.valueOf(m.get("code"))));
                    }
                }
            }
            if (root.get("names") instanceof Map<?, ?> n && n.get("value") instanceof List<?> list) {
                list.forEach(v -> names.add(String.valueOf(v).strip().toLowerCase(Locale.ROOT)));
            }
        }
        return new Rhil7Codes(List.copyOf(codes), List.copyOf(names));
    }

    public boolean isRhil7(CodeableConcept concept) {
        if (concept == null) {
            return false;
        }
        for (Coding c : concept.getCoding()) {
            if (codes.stream().anyMatch(k -> k.system().equals(c.getSystem()) && k.code().equals(c.getCode()))) {
                return true;
            }
            if (c.hasDisplay() && named(c.getDisplay())) {
                return true;
            }
        }
        return concept.hasText() && named(concept.getText());
    }

    private boolean named(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return names.stream().anyMatch(n -> t.equals(n) || t.startsWith(n + " "));
    }
}
