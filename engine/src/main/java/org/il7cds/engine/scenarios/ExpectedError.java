package org.il7cds.engine.scenarios;

import java.util.List;

/**
 * The one vocabulary of refusals in eligibility and dosing scenarios ({@code expect.error}).
 *
 * @param fields invalid-input: exactly these fields, named as the API names them
 *     ({@code candidate.cd4Counts[0].unit}, {@code weightKg}), or null for any
 * @param unplacedDoses infeasible: these dose numbers in order, or null for any
 * @param messageContains text the error message must contain, or null
 */
public record ExpectedError(ErrorKind kind, List<String> fields, List<Integer> unplacedDoses, String messageContains) {
}
