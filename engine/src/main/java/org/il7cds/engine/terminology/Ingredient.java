package org.il7cds.engine.terminology;

/**
 * One antiretroviral ingredient of the terminology.
 *
 * @param name the generic name the protocols count, lower case ("tenofovir disoproxil")
 * @param drugClass informative ("NRTI", "INSTI", "booster")
 * @param booster a pharmacokinetic enhancer (ritonavir, cobicistat), not an active agent
 * @param rxnorm its RxNorm ingredient code, or null when the terminology lists none
 * @param atc its WHO ATC code, or null when the terminology lists none
 */
public record Ingredient(String name, String drugClass, boolean booster, String rxnorm, String atc) {
}
