package org.il7cds.api.cds;

import java.util.Map;
import org.il7cds.api.generated.model.CdsHookResponseDto;

/**
 * One CDS Hooks 2.0 service. Every Spring bean implementing this is listed by discovery ({@code GET /cds-services})
 * and answers {@code POST /cds-services/{id}} ({@link CdsHooksController}). The controller has already checked the
 * caller's credential, that the request's {@code hook} is this service's and that the request is well formed; the
 * service reads its data through {@link CdsRequest#resources} (prefetched, or fetched from the client's FHIR server
 * within the time budget; 412 when neither is possible), records its decision before returning, and returns cards.
 *
 * <p>Naming: implementations end in {@code CdsService} (ArchitectureTest lets this package use the generated DTOs).
 */
public interface CdsService {

    /** The {id} of {@code /cds-services/{id}}: lowercase letters, digits and hyphens. */
    String id();

    /** The hook it is invoked on: {@code patient-view}, {@code order-select}, {@code order-sign}. */
    String hook();

    /** The human-friendly name. */
    String title();

    String description();

    /** Prefetch key to FHIR read or search template, with prefetch tokens such as {@code {{context.patientId}}}. */
    Map<String, String> prefetch();

    /** Requirements on the client's use of the service (discovery's {@code usageRequirements}); null: none. */
    default String usageRequirements() {
        return null;
    }

    /** Answers one call; may throw {@link PrefetchUnavailableException} (412) or {@link CdsInputException} (400). */
    CdsHookResponseDto handle(CdsRequest request);
}
