/**
 * Drug terminology maintained in the rules bundle ({@code terminology/antiretrovirals.yaml}): how a drug a clinic
 * names (free text, an abbreviation, a brand, an RxNorm or ATC code) becomes the ingredient names the protocols
 * count. Depends on nothing else of the engine: the rules package reads the file and reports its problems, the
 * eligibility package asks it for ingredient names.
 */
package org.il7cds.engine.terminology;
