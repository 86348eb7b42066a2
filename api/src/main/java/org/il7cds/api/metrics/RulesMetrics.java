package org.il7cds.api.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import org.il7cds.engine.authoring.RulesRegistry;
import org.il7cds.engine.authoring.Activation;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The rules as operators see them, read from {@link RulesRegistry} at each scrape: the info metric
 * {@code il7cds_rules_info{version, content_hash, activation, origin} 1} for the version answering now, and the
 * counter {@code il7cds_rules_activations_total}, every activation of the stored history (the first start's counts
 * as the first; a rollback or an approval is an activation).
 */
@Component
class RulesMetrics implements InitializingBean {

    private final RulesRegistry rules;
    private final MeterRegistry meters;
    private final ObjectProvider<PrometheusRegistry> prometheus;

    RulesMetrics(RulesRegistry rules, MeterRegistry meters, ObjectProvider<PrometheusRegistry> prometheus) {
        this.rules = rules;
        this.meters = meters;
        this.prometheus = prometheus;
    }

    @Override
    public void afterPropertiesSet() {
        // Activation ids count from 1 in the stored history, so the current one's id is the number of activations.
        FunctionCounter.builder("il7cds.rules.activations", rules, r -> r.active().id())
                .description("Activations in the stored rules history (the first start's, rollbacks and approvals"
                        + " included)").register(meters);
        // An info metric has labels that change with the active version; Micrometer's meters fix their tags at
        // registration, so this one is a Prometheus collector that reads the registry at every scrape.
        prometheus.ifAvailable(registry -> registry.register(() -> {
            Activation active = rules.active();
            return InfoSnapshot.builder().name("il7cds_rules")
                    .help("The rules version answering requests")
                    .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder()
                            .labels(Labels.of("version", active.version(), "content_hash", active.contentHash(),
                                    "activation", Integer.toString(active.id()), "origin", active.origin()))
                            .build())
                    .build();
        }));
    }
}
