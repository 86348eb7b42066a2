package org.il7cds.engine.terminology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.il7cds.engine.labs.LabUnits;

/**
 * The antiretroviral terminology of one rules version: every name, abbreviation, brand and code it lists, each
 * standing for one or more {@link Ingredient}s. Immutable and thread-safe.
 *
 * <p>Lookup (case and runs of spaces do not matter): the whole text first, as a name, form, abbreviation, brand or
 * code; then, only if that fails, its parts separated by {@code /} or {@code +}, each of which must be recognised
 * on its own. Nothing else is tried: no prefix, no fuzzy match, no ATC class (J05A also holds hepatitis and
 * influenza antivirals).
 */
public final class DrugTerminology {

    /** FHIR's system URIs for the two code systems the terminology lists. */
    public static final String RXNORM_SYSTEM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String ATC_SYSTEM = "http://www.whocc.no/atc";

    /** A terminology listing nothing: every name passes through unchanged (a bundle without the file). */
    public static final DrugTerminology NONE = new DrugTerminology(Map.of(), Map.of(), Map.of(), Map.of(),
            List.of());

    private static final Pattern ATC = Pattern.compile("[A-Z][0-9]{2}[A-Z]{2}[0-9]{2}");
    private static final Pattern RXCUI = Pattern.compile("[0-9]{1,9}");
    private static final Pattern PARTS = Pattern.compile("\\s*[/+]\\s*");

    private final Map<String, Ingredient> ingredients;
    private final Map<String, List<Ingredient>> byName;
    private final Map<String, List<Ingredient>> byRxnorm;
    private final Map<String, List<Ingredient>> byAtc;
    private final List<OtherUse> otherUses;

    private DrugTerminology(Map<String, Ingredient> ingredients, Map<String, List<Ingredient>> byName,
            Map<String, List<Ingredient>> byRxnorm, Map<String, List<Ingredient>> byAtc, List<OtherUse> otherUses) {
        this.ingredients = ingredients;
        this.byName = byName;
        this.byRxnorm = byRxnorm;
        this.byAtc = byAtc;
        this.otherUses = otherUses;
    }

    /**
     * A product that holds an antiretroviral ingredient but is not antiretroviral therapy (nirmatrelvir and ritonavir,
     * for COVID-19): known by a word stem of its text (lower case) or by its ATC codes.
     */
    public record OtherUse(String name, String use, List<String> stems, List<String> atc) {
    }

    /** A parsed terminology with what is wrong with its file (empty when nothing is). */
    public record Parsed(DrugTerminology terminology, List<String> problems) {
    }

    /**
     * Reads the file's YAML tree (maps, lists and scalars, as the rules' safe YAML reader gives it). Every problem is
     * reported; with any problem the terminology is {@link #NONE} and the bundle must not load.
     */
    public static Parsed parse(Object tree) {
        List<String> problems = new ArrayList<>();
        if (!(tree instanceof Map<?, ?> root)) {
            return new Parsed(NONE, List.of("the file must be a map with 'ingredients' and 'combinations'"));
        }
        for (Object key : root.keySet()) {
            if (!Set.of("source", "ingredients", "combinations", "otherUses").contains(String.valueOf(key))) {
                problems.add("unknown key '" + key + "' (expected source, ingredients, combinations, otherUses)");
            }
        }
        if (!(root.get("source") instanceof String s) || s.isBlank()) {
            problems.add("'source' is required: where the names and codes come from");
        }
        Builder b = new Builder(problems);
        int i = 0;
        for (Object item : list(root.get("ingredients"), "ingredients", problems)) {
            b.ingredient(item, "ingredients[" + i++ + "]");
        }
        i = 0;
        for (Object item : list(root.get("combinations"), "combinations", problems)) {
            b.combination(item, "combinations[" + i++ + "]");
        }
        i = 0;
        for (Object item : list(root.get("otherUses"), "otherUses", problems)) {
            b.otherUse(item, "otherUses[" + i++ + "]");
        }
        return problems.isEmpty() ? new Parsed(b.build(), List.of()) : new Parsed(NONE, List.copyOf(problems));
    }

    /** The ingredients a name, abbreviation, brand or code stands for; empty when the terminology does not know it. */
    public List<Ingredient> resolve(String text) {
        if (text == null) {
            return List.of();
        }
        List<Ingredient> whole = whole(text);
        if (!whole.isEmpty() || !PARTS.matcher(text).find()) {
            return whole;
        }
        Set<Ingredient> all = new LinkedHashSet<>();
        for (String part : PARTS.split(text.strip())) {
            List<Ingredient> found = whole(part);
            if (found.isEmpty()) {
                return List.of(); // one part not recognised: the whole text is not
            }
            all.addAll(found);
        }
        return List.copyOf(all);
    }

    /** The ingredients a FHIR coding stands for (RxNorm or ATC); empty for another system or an unlisted code. */
    public List<Ingredient> resolveCoding(String system, String code) {
        if (code == null) {
            return List.of();
        }
        if (RXNORM_SYSTEM.equals(system)) {
            return byRxnorm.getOrDefault(code.strip(), List.of());
        }
        if (ATC_SYSTEM.equals(system)) {
            return byAtc.getOrDefault(code.strip().toUpperCase(Locale.ROOT), List.of());
        }
        return List.of();
    }

    /**
     * The drugs as ingredient names for the protocols: each recognised drug becomes its ingredients' names, each
     * drug not recognised is kept as given (so that the c-ART criterion names it), and a name met twice is kept once.
     * Null, blank and overlong items are kept for the engine's input checks.
     */
    public List<String> ingredientNames(List<String> drugs) {
        if (drugs == null || ingredients.isEmpty()) {
            return drugs;
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        List<String> out = new ArrayList<>(drugs.size() + 2);
        for (String d : drugs) {
            List<Ingredient> found = d == null ? List.of() : resolve(d);
            if (found.isEmpty()) {
                out.add(d);
            } else {
                for (Ingredient ing : found) {
                    if (names.add(ing.name())) {
                        out.add(ing.name());
                    }
                }
            }
        }
        return out;
    }

    /**
     * The product of another use that a medication's text names (a stem anywhere in it, case ignored) or that one of
     * its ATC codings is; null when none. A record of such a product is not antiretroviral therapy.
     *
     * @param texts the medication's text and its codings' displays
     * @param atcCodes the codes of its ATC codings
     */
    public OtherUse otherUse(List<String> texts, List<String> atcCodes) {
        for (OtherUse u : otherUses) {
            for (String t : texts) {
                String lower = t.toLowerCase(Locale.ROOT);
                if (u.stems().stream().anyMatch(lower::contains)) {
                    return u;
                }
            }
            for (String c : atcCodes) {
                if (c != null && u.atc().contains(c.strip().toUpperCase(Locale.ROOT))) {
                    return u;
                }
            }
        }
        return null;
    }

    /** The ingredient of that generic name, or null. */
    public Ingredient ingredient(String name) {
        return ingredients.get(name);
    }

    public Collection<Ingredient> ingredients() {
        return ingredients.values();
    }

    /** Every name, form, abbreviation and brand listed, lower case, with what it stands for. */
    public Map<String, List<Ingredient>> names() {
        return byName;
    }

    public Map<String, List<Ingredient>> rxnormCodes() {
        return byRxnorm;
    }

    public Map<String, List<Ingredient>> atcCodes() {
        return byAtc;
    }

    private List<Ingredient> whole(String text) {
        String t = key(text);
        List<Ingredient> found = byName.get(t);
        if (found != null) {
            return found;
        }
        if (RXCUI.matcher(t).matches()) {
            return byRxnorm.getOrDefault(t, List.of());
        }
        String upper = t.toUpperCase(Locale.ROOT);
        if (ATC.matcher(upper).matches()) {
            return byAtc.getOrDefault(upper, List.of());
        }
        return List.of();
    }

    /** The lookup key: lower case, trimmed, runs of white space as one space. */
    static String key(String text) {
        // One pass, no regular expression ("\\s+" to one space): it runs for every drug of every request.
        String t = text.strip();
        StringBuilder b = new StringBuilder(t.length());
        boolean space = false;
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (LabUnits.isSpace(ch)) {
                space = true;
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.append(ch);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static List<?> list(Object value, String at, List<String> problems) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l;
        }
        problems.add("'" + at + "' must be a list");
        return List.of();
    }

    /** Collects entries, refusing any name or code that would stand for two different things. */
    private static final class Builder {
        private final List<String> problems;
        private final Map<String, Ingredient> ingredients = new LinkedHashMap<>();
        private final Map<String, List<Ingredient>> byName = new LinkedHashMap<>();
        private final Map<String, List<Ingredient>> byRxnorm = new LinkedHashMap<>();
        private final Map<String, List<Ingredient>> byAtc = new LinkedHashMap<>();
        private final Map<String, String> owner = new LinkedHashMap<>();
        private final List<OtherUse> otherUses = new ArrayList<>();

        Builder(List<String> problems) {
            this.problems = problems;
        }

        void ingredient(Object item, String at) {
            if (!(item instanceof Map<?, ?> m)) {
                problems.add(at + " must be a map");
                return;
            }
            keys(m, at, Set.of("name", "class", "booster", "rxnorm", "atc", "forms", "abbreviations", "brands"));
            String name = text(m.get("name"));
            if (name == null) {
                problems.add(at + ": 'name' (the generic name) is required");
                return;
            }
            String generic = key(name);
            Object boosterValue = m.get("booster");
            if (boosterValue != null && !(boosterValue instanceof Boolean)) {
                problems.add(at + " (" + generic + "): 'booster' must be true or false");
            }
            String rxnorm = code(m.get("rxnorm"), RXCUI, at + " (" + generic + ") rxnorm", false);
            String atc = code(m.get("atc"), ATC, at + " (" + generic + ") atc", true);
            Ingredient ing = new Ingredient(generic, text(m.get("class")), Boolean.TRUE.equals(boosterValue), rxnorm,
                    atc);
            if (ingredients.putIfAbsent(generic, ing) != null) {
                problems.add(at + ": ingredient '" + generic + "' is listed twice");
                return;
            }
            List<Ingredient> self = List.of(ing);
            add(byName, generic, self, at);
            for (String field : List.of("forms", "abbreviations", "brands")) {
                for (String n : strings(m.get(field), at + "." + field)) {
                    add(byName, key(n), self, at + "." + field);
                }
            }
            if (rxnorm != null) {
                add(byRxnorm, rxnorm, self, at + ".rxnorm");
            }
            if (atc != null) {
                add(byAtc, atc, self, at + ".atc");
            }
        }

        void combination(Object item, String at) {
            if (!(item instanceof Map<?, ?> m)) {
                problems.add(at + " must be a map");
                return;
            }
            keys(m, at, Set.of("brands", "abbreviations", "rxnorm", "atc", "ingredients"));
            List<Ingredient> parts = new ArrayList<>();
            for (String n : strings(m.get("ingredients"), at + ".ingredients")) {
                Ingredient ing = ingredients.get(key(n));
                if (ing == null) {
                    problems.add(at + ": ingredient '" + n + "' is not listed under ingredients");
                } else if (!parts.contains(ing)) {
                    parts.add(ing);
                }
            }
            if (parts.size() < 2) {
                problems.add(at + ": a combination needs at least two listed ingredients");
                return;
            }
            List<String> brands = strings(m.get("brands"), at + ".brands");
            List<String> abbreviations = strings(m.get("abbreviations"), at + ".abbreviations");
            if (brands.isEmpty() && abbreviations.isEmpty()) {
                problems.add(at + ": a combination needs a brand or an abbreviation");
            }
            List<Ingredient> all = List.copyOf(parts);
            for (String n : brands) {
                add(byName, key(n), all, at + ".brands");
            }
            for (String n : abbreviations) {
                add(byName, key(n), all, at + ".abbreviations");
            }
            for (String c : strings(m.get("rxnorm"), at + ".rxnorm")) {
                String rx = code(c, RXCUI, at + " rxnorm", false);
                if (rx != null) {
                    add(byRxnorm, rx, all, at + ".rxnorm");
                }
            }
            String atc = code(m.get("atc"), ATC, at + " atc", true);
            if (atc != null) {
                add(byAtc, atc, all, at + ".atc");
            }
        }

        void otherUse(Object item, String at) {
            if (!(item instanceof Map<?, ?> m)) {
                problems.add(at + " must be a map");
                return;
            }
            keys(m, at, Set.of("name", "use", "stems", "atc", "ingredients"));
            String name = text(m.get("name"));
            String use = text(m.get("use"));
            if (name == null || use == null) {
                problems.add(at + ": 'name' and 'use' (what the product is for) are required");
                return;
            }
            List<String> stems = new ArrayList<>();
            for (String s : strings(m.get("stems"), at + ".stems")) {
                String k = key(s);
                if (k.length() < 4 || ingredients.containsKey(k)) {
                    problems.add(at + ": stem '" + s + "' must be at least 4 letters and not a listed ingredient (it"
                            + " would hide that ingredient's own records)");
                } else {
                    stems.add(k);
                }
            }
            if (stems.isEmpty()) {
                problems.add(at + ": at least one stem is required");
            }
            List<String> atc = new ArrayList<>();
            for (String c : strings(m.get("atc"), at + ".atc")) {
                String code = code(c, ATC, at + " atc", true);
                if (code != null && byAtc.containsKey(code)) {
                    problems.add(at + ": ATC code '" + code + "' is listed as an antiretroviral");
                } else if (code != null) {
                    atc.add(code);
                }
            }
            for (String n : strings(m.get("ingredients"), at + ".ingredients")) {
                if (!ingredients.containsKey(key(n)) && stems.stream().noneMatch(key(n)::contains)) {
                    problems.add(at + ": ingredient '" + n
                            + "' is neither a listed antiretroviral nor named by a stem");
                }
            }
            otherUses.add(new OtherUse(name, use, List.copyOf(stems), List.copyOf(atc)));
        }

        private void add(Map<String, List<Ingredient>> index, String k, List<Ingredient> value, String at) {
            String tag = (index == byName ? "name '" : index == byRxnorm ? "RxNorm code '" : "ATC code '") + k + "'";
            String previous = owner.putIfAbsent(tag, at);
            if (previous != null && !index.get(k).equals(value)) {
                problems.add(at + ": " + tag + " is already listed at " + previous + " for something else");
            } else if (previous == null) {
                index.put(k, value);
            }
        }

        private void keys(Map<?, ?> m, String at, Set<String> allowed) {
            for (Object k : m.keySet()) {
                if (!allowed.contains(String.valueOf(k))) {
                    problems.add(at + ": unknown key '" + k + "' (expected one of " + new java.util.TreeSet<>(allowed)
                            + ")");
                }
            }
        }

        private List<String> strings(Object value, String at) {
            if (value == null) {
                return List.of();
            }
            List<?> l = value instanceof List<?> x ? x : List.of(value);
            List<String> out = new ArrayList<>(l.size());
            for (Object o : l) {
                String s = text(o);
                if (s == null) {
                    problems.add(at + ": an empty name");
                } else {
                    out.add(s);
                }
            }
            return out;
        }

        private String code(Object value, Pattern format, String at, boolean upper) {
            String s = text(value);
            if (s == null) {
                return null;
            }
            String c = upper ? s.toUpperCase(Locale.ROOT) : s;
            if (!format.matcher(c).matches()) {
                problems.add(at + ": '" + s + "' is not a well-formed code");
                return null;
            }
            return c;
        }

        private static String text(Object o) {
            if (o == null) {
                return null;
            }
            String s = String.valueOf(o).strip();
            return s.isEmpty() ? null : s;
        }

        DrugTerminology build() {
            return new DrugTerminology(Map.copyOf(ingredients), Map.copyOf(byName), Map.copyOf(byRxnorm),
                    Map.copyOf(byAtc), List.copyOf(otherUses));
        }
    }
}
