package org.il7cds.api.cds;

import java.util.Map;
import org.il7cds.api.generated.model.CdsHookResponseDto;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * order-select and order-sign: the dose and schedule of draft rhIL-7 MedicationRequests against the rules' default
 * protocol ({@link OrderDoseChecks}). One class, two services: order-select checks the orders of
 * {@code context.selections}, order-sign every draft about to be signed.
 */
final class OrderDoseCdsService implements CdsService {

    static final String SELECT = "il7cds-order-select";
    static final String SIGN = "il7cds-order-sign";

    private final String id;
    private final String hook;
    private final String title;
    private final boolean selectedOnly;
    private final OrderDoseChecks checks;

    private OrderDoseCdsService(String id, String hook, String title, boolean selectedOnly, OrderDoseChecks checks) {
        this.id = id;
        this.hook = hook;
        this.title = title;
        this.selectedOnly = selectedOnly;
        this.checks = checks;
    }

    /** The two services as beans (discovery lists every CdsService bean). */
    @Configuration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        CdsService orderSelectCdsService(OrderDoseChecks checks) {
            return new OrderDoseCdsService(SELECT, "order-select", "rhIL-7 dose check of the selected order", true,
                    checks);
        }

        @Bean
        CdsService orderSignCdsService(OrderDoseChecks checks) {
            return new OrderDoseCdsService(SIGN, "order-sign", "rhIL-7 dose check before signing", false, checks);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String hook() {
        return hook;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String description() {
        return "Checks the dose (µg/kg × body weight, rounded as the protocol declares), route, number of doses and"
                + " schedule of " + (selectedOnly ? "the selected" : "each") + " draft rhIL-7 MedicationRequest"
                + " against the active rules' default protocol, with the latest body weight (LOINC 29463-7) on or"
                + " before the first dose. A warning card with a suggestion that replaces the draft when it differs;"
                + " a warning saying what is missing when it cannot be checked; info when it matches. A clinician"
                + " decides.";
    }

    @Override
    public Map<String, String> prefetch() {
        return OrderDoseChecks.PREFETCH;
    }

    @Override
    public CdsHookResponseDto handle(CdsRequest request) {
        return checks.handle(request, selectedOnly);
    }
}
