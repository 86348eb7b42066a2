package org.il7cds.engine.course;

import java.math.BigDecimal;
import org.il7cds.engine.rules.MonitoringDefinition;

/**
 * The fact through which monitoring rules read their thresholds from the protocol's {@code monitoring:} section:
 * {@code MonitoringProtocol($below : num("suppressedBelow"))}; never a number in a DRL file. Inserted only by the
 * {@link MonitoringEngine}, so monitoring rules (which match it first) never fire in an eligibility or dosing session.
 */
public final class MonitoringProtocol {

    private final String protocolId;
    private final MonitoringDefinition definition;

    MonitoringProtocol(String protocolId, MonitoringDefinition definition) {
        this.protocolId = protocolId;
        this.definition = definition;
    }

    public String getProtocolId() {
        return protocolId;
    }

    /** A numeric parameter. */
    public BigDecimal num(String name) {
        return definition.number(name);
    }

    /** A numeric parameter as a whole number (days). */
    public int whole(String name) {
        return definition.number(name).intValueExact();
    }

    /** "200 copies/mL": a parameter as an explanation prints it. */
    public String display(String name) {
        return definition.parameter(name).display();
    }

    @Override
    public String toString() {
        return "MonitoringProtocol[" + protocolId + "]";
    }
}
