package org.il7cds.api.cds;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.il7cds.api.generated.api.CdsHooksApi;
import org.il7cds.api.generated.model.CdsHookRequestDto;
import org.il7cds.api.generated.model.CdsHookResponseDto;
import org.il7cds.api.generated.model.CdsServiceDescriptorDto;
import org.il7cds.api.generated.model.CdsServiceListDto;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * CDS Hooks 2.0: discovery lists every {@link CdsService} bean; a call goes to the service of its id, after checking
 * that its {@code hook} is the service's. Authentication (the client's JWT or an API key) is the security package's.
 */
@RestController
class CdsHooksController implements CdsHooksApi {

    private final Map<String, CdsService> services;
    private final FhirFetcher fetcher;
    private final JsonMapper json;

    CdsHooksController(List<CdsService> services, FhirFetcher fetcher, JsonMapper json) {
        this.services = services.stream().sorted(Comparator.comparing(CdsService::id))
                .collect(Collectors.toMap(CdsService::id, Function.identity(), (a, b) -> {
                    throw new IllegalStateException("two CDS services with id " + a.id());
                }, LinkedHashMap::new));
        this.fetcher = fetcher;
        this.json = json;
    }

    @Override
    public ResponseEntity<CdsServiceListDto> listCdsServices() {
        return ResponseEntity.ok(new CdsServiceListDto(services.values().stream().map(s -> {
            CdsServiceDescriptorDto d = new CdsServiceDescriptorDto(s.hook(), s.description(), s.id()).title(s.title());
            if (!s.prefetch().isEmpty()) {
                d.prefetch(new LinkedHashMap<>(s.prefetch()));
            }
            return d.usageRequirements(s.usageRequirements());
        }).toList()));
    }

    @Override
    public ResponseEntity<CdsHookResponseDto> callCdsService(String serviceId, CdsHookRequestDto body) {
        CdsService service = services.get(serviceId);
        if (service == null) {
            throw new UnknownCdsServiceException(serviceId, services.keySet());
        }
        if (!service.hook().equals(body.getHook())) {
            throw new CdsInputException("hook must be '" + service.hook() + "' for service " + serviceId + ", not '"
                    + body.getHook() + "'");
        }
        if (body.getFhirAuthorization() != null && body.getFhirServer() == null) {
            throw new CdsInputException("fhirAuthorization is given without fhirServer");
        }
        return ResponseEntity.ok(service.handle(new CdsRequest(body, service.prefetch(), fetcher, json)));
    }

    /** A 404 naming the services there are. */
    static final class UnknownCdsServiceException extends RuntimeException {
        UnknownCdsServiceException(String id, java.util.Set<String> known) {
            super("No CDS service '" + id + "'; the services are " + known + " (GET /cds-services).");
        }
    }
}
