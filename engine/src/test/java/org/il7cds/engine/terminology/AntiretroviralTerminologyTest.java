package org.il7cds.engine.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.CriterionResult;
import org.il7cds.engine.eligibility.Status;
import org.il7cds.engine.fixtures.Candidates;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.rules.CriterionDefinition;
import org.il7cds.engine.rules.RuleSet;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleSetCompiler;
import org.il7cds.engine.rules.RulesLoadException;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The packaged terminology (rules/terminology/antiretrovirals.yaml), read from the file itself: every name, salt or
 * ester form, abbreviation, brand and fixed-dose combination it lists resolves to the ingredients the file gives, and
 * the engine counts them through the levy-2009 c-ART criterion.
 */
class AntiretroviralTerminologyTest {

    private static final RuleSet RULES = Engines.packagedRules();
    private static final DrugTerminology DRUGS = RULES.drugs();
    @SuppressWarnings("unchecked")
    private static final Map<String, Object> FILE = (Map<String, Object>) new Yaml()
            .load(RULES.bundle().text("terminology/antiretrovirals.yaml"));

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(String key) {
        return (List<Map<String, Object>>) FILE.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object o) {
        return o == null ? List.of() : ((List<Object>) o).stream().map(String::valueOf).toList();
    }

    @Test
    void everyIngredientNameFormAbbreviationBrandAndCodeResolvesToItsIngredient() {
        int checked = 0;
        for (Map<String, Object> e : entries("ingredients")) {
            String name = (String) e.get("name");
            List<String> spellings = new ArrayList<>(List.of(name, name.toUpperCase(), "  " + name + " "));
            spellings.addAll(strings(e.get("forms")));
            spellings.addAll(strings(e.get("abbreviations")));
            spellings.addAll(strings(e.get("brands")));
            for (String s : spellings) {
                assertEquals(List.of(name), names(DRUGS.resolve(s)), s);
                checked++;
            }
            if (e.get("rxnorm") != null) {
                assertEquals(List.of(name), names(DRUGS.resolve(String.valueOf(e.get("rxnorm")))));
                assertEquals(List.of(name), names(DRUGS.resolveCoding(DrugTerminology.RXNORM_SYSTEM,
                        String.valueOf(e.get("rxnorm")))));
            }
            if (e.get("atc") != null) {
                assertEquals(List.of(name), names(DRUGS.resolve((String) e.get("atc"))));
                assertEquals(List.of(name), names(DRUGS.resolveCoding(DrugTerminology.ATC_SYSTEM,
                        (String) e.get("atc"))));
            }
            assertEquals(Boolean.TRUE.equals(e.get("booster")), DRUGS.ingredient(name).booster(), name);
        }
        assertTrue(checked > 150, "spellings checked: " + checked);
    }

    @Test
    void everyCombinationBrandAbbreviationAndCodeStandsForAllItsIngredients() {
        for (Map<String, Object> e : entries("combinations")) {
            Set<String> expected = new LinkedHashSet<>(strings(e.get("ingredients")));
            List<String> spellings = new ArrayList<>(strings(e.get("brands")));
            spellings.addAll(strings(e.get("abbreviations")));
            if (e.get("atc") != null) {
                spellings.add((String) e.get("atc"));
                assertEquals(expected, new LinkedHashSet<>(names(DRUGS.resolveCoding(DrugTerminology.ATC_SYSTEM,
                        (String) e.get("atc")))));
            }
            assertFalse(spellings.isEmpty());
            for (String s : spellings) {
                assertEquals(expected, new LinkedHashSet<>(names(DRUGS.resolve(s))), s);
            }
        }
    }

    @Test
    void theIssuesExamplesResolve() {
        assertEquals(List.of("tenofovir disoproxil"), names(DRUGS.resolve("tenofovir disoproxil fumarate")));
        assertEquals(List.of("tenofovir disoproxil", "tenofovir alafenamide", "emtricitabine", "lamivudine",
                "bictegravir"), DRUGS.ingredientNames(List.of("TDF", "TAF", "FTC", "3TC", "BIC")));
        assertEquals(List.of("bictegravir", "emtricitabine", "tenofovir alafenamide"),
                DRUGS.ingredientNames(List.of("bictegravir / emtricitabine / tenofovir alafenamide")));
        assertEquals(List.of("bictegravir", "emtricitabine", "tenofovir alafenamide"),
                DRUGS.ingredientNames(List.of("Biktarvy")));
        // A name met twice (a brand and one of its ingredients) counts once.
        assertEquals(List.of("bictegravir", "emtricitabine", "tenofovir alafenamide"),
                DRUGS.ingredientNames(List.of("Biktarvy", "emtricitabine")));
    }

    @Test
    void nothingIsGuessed() {
        for (String s : List.of("tenofovi", "biktarvy xr", "J05AF10", "J05A", "entecavir", "oseltamivir",
                "123456789", "TDF/unknownium", "dolutegravir 50 mg", "")) {
            assertEquals(List.of(), DRUGS.resolve(s), s);
        }
        assertEquals(List.of("Tenofocare", "dolutegravir"), DRUGS.ingredientNames(List.of("Tenofocare", "DTG")));
        assertEquals(List.of(), DRUGS.resolveCoding("http://snomed.info/sct", "85762"));
    }

    @Test
    void everyIngredientTheProtocolCountsIsInTheTerminologyWithTheSameBoosterFlag() {
        for (CriterionDefinition c : RULES.protocol("levy-2009").orElseThrow().definition().criteria()) {
            if (!c.id().equals("on-cart")) {
                continue;
            }
            List<String> agents = c.parameters().get("agents").codes();
            List<String> boosters = c.parameters().get("boosters").codes();
            for (String a : agents) {
                assertFalse(DRUGS.ingredient(a).booster(), a);
            }
            for (String b : boosters) {
                assertTrue(DRUGS.ingredient(b).booster(), b);
            }
            for (Ingredient i : DRUGS.ingredients()) {
                assertTrue(i.booster() ? boosters.contains(i.name()) : agents.contains(i.name()),
                        i.name() + " is in the terminology but not counted by the protocol");
            }
        }
    }

    @Test
    void theEngineCountsTwoActiveAgentsPlusABoosterAndSaysSo() {
        CriterionResult cart = cart(List.of("darunavir", "ritonavir", "dolutegravir"));
        assertEquals(Status.NOT_MET, cart.status());
        assertEquals("2 active agents: [darunavir, dolutegravir] + booster [ritonavir], not counted", cart.observed());
    }

    @Test
    void anUnrecognisedNameIsNamedWithWhatWouldBeRecognised() {
        CriterionResult cart = cart(List.of("Tenofocare", "FTC", "DTG"));
        assertEquals(Status.UNKNOWN, cart.status());
        assertTrue(cart.observed().contains("[tenofocare]"), cart.observed());
        assertTrue(cart.settleBy().contains("generic name") && cart.settleBy().contains("abbreviation")
                && cart.settleBy().contains("RxNorm or ATC code"), cart.settleBy());
    }

    @Test
    void aMalformedTerminologyRefusesTheBundle() {
        String all = refusal("""
                source: "test"
                ingredients:
                  - { name: lamivudine, abbreviations: [3TC], atc: J05AF05 }
                  - { name: emtricitabine, abbreviations: [3TC], atc: not-a-code }
                combinations:
                  - { brands: [Nothing], ingredients: [lamivudine, unknownium] }
                """);
        assertTrue(all.contains("'3tc' is already listed"), all);
        assertTrue(all.contains("'not-a-code' is not a well-formed code"), all);
        assertTrue(all.contains("'unknownium' is not listed"), all);
    }

    @Test
    void aProductOfAnotherUseIsKnownByItsStemsOrItsAtcCodeAndNeverHidesAnAntiretroviral() {
        DrugTerminology.OtherUse paxlovid = DRUGS.otherUse(List.of("PAXLOVID 150 mg + 100 mg film-coated tablets"),
                List.of());
        assertEquals("nirmatrelvir and ritonavir", paxlovid.name());
        assertEquals(paxlovid, DRUGS.otherUse(List.of(), List.of("j05ae30")));
        assertEquals(paxlovid, DRUGS.otherUse(List.of("Nirmatrelvir and Ritonavir"), List.of()));
        assertEquals(null, DRUGS.otherUse(List.of("ritonavir 100 MG Oral Tablet", "Norvir"), List.of("J05AE03")));
        assertEquals(null, DRUGS.otherUse(List.of(), List.of()));

        String all = refusal("""
                source: "test"
                ingredients:
                  - { name: ritonavir, class: PI, booster: true, atc: J05AE03 }
                otherUses:
                  - { name: hiding, use: test, stems: [ritonavir, rtv], atc: [J05AE03] }
                  - { name: nameless }
                  - { name: stray, use: test, stems: [strayium], ingredients: [unknownium], colour: red }
                """);
        assertTrue(all.contains("stem 'ritonavir' must be at least 4 letters and not a listed ingredient"), all);
        assertTrue(all.contains("stem 'rtv' must be at least 4 letters"), all);
        assertTrue(all.contains("ATC code 'J05AE03' is listed as an antiretroviral"), all);
        assertTrue(all.contains("otherUses[1]: 'name' and 'use' (what the product is for) are required"), all);
        assertTrue(all.contains("ingredient 'unknownium' is neither a listed antiretroviral nor named by a stem"), all);
        assertTrue(all.contains("otherUses[2]: unknown key 'colour'"), all);
    }

    /** The packaged bundle with this terminology file: the message of the load's refusal. */
    private static String refusal(String antiretroviralsYaml) {
        Map<String, String> files = new java.util.TreeMap<>();
        RULES.bundle().files().forEach((p, b) -> files.put(p, new String(b, java.nio.charset.StandardCharsets.UTF_8)));
        files.put("terminology/antiretrovirals.yaml", antiretroviralsYaml);
        return org.junit.jupiter.api.Assertions.assertThrows(RulesLoadException.class,
                () -> RuleSetCompiler.compile(RuleBundle.of(files, "test"))).getMessage();
    }

    private static CriterionResult cart(List<String> drugs) {
        Candidate c = Candidates.eligible(Engines.TODAY).drugs(drugs.toArray(String[]::new)).build();
        Assessment a = Engines.eligibility().assess(c, Engines.TODAY);
        return a.criteria().stream().filter(r -> r.criterionId().equals("on-cart")).findFirst().orElseThrow();
    }

    private static List<String> names(List<Ingredient> ingredients) {
        return ingredients.stream().map(Ingredient::name).toList();
    }
}
