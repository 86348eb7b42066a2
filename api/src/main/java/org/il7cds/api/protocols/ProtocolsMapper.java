package org.il7cds.api.protocols;

import java.util.List;
import org.il7cds.api.generated.model.CriterionTypeDto;
import org.il7cds.api.generated.model.ProtocolCriterionDto;
import org.il7cds.api.generated.model.ProtocolDto;
import org.il7cds.api.generated.model.ProtocolListDto;
import org.il7cds.api.generated.model.ProtocolParameterDto;
import org.il7cds.api.generated.model.ProtocolSummaryDto;
import org.il7cds.api.generated.model.RulesVersionDto;
import org.il7cds.engine.rules.CriterionDefinition;
import org.il7cds.engine.rules.Parameter;
import org.il7cds.engine.rules.ProtocolDefinition;
import org.il7cds.engine.rules.RuleSet;

/** Maps the active rule set's protocol definitions to DTOs. */
final class ProtocolsMapper {

    private ProtocolsMapper() {
    }

    static RulesVersionDto version(RuleSet rules) {
        return new RulesVersionDto(rules.version(), rules.contentHash(), List.copyOf(rules.protocolIds()));
    }

    static ProtocolListDto list(RuleSet rules) {
        return new ProtocolListDto(rules.version(), rules.contentHash(), rules.protocolIds().stream()
                .map(id -> rules.protocol(id).orElseThrow().definition())
                .map(d -> new ProtocolSummaryDto(d.id(), d.title(), d.citation(), d.criteria().size()))
                .toList());
    }

    static ProtocolDto protocol(RuleSet rules, ProtocolDefinition d) {
        return new ProtocolDto(d.id(), d.title(), d.citation(), rules.version(), rules.contentHash(),
                d.criteria().stream().map(ProtocolsMapper::criterion).toList())
                .dosing(d.section("dosing").orElse(null));
    }

    private static ProtocolCriterionDto criterion(CriterionDefinition c) {
        return new ProtocolCriterionDto(c.id(), c.title(), CriterionTypeDto.valueOf(c.type().name()), c.source(),
                c.assumption(), c.restsOnAssumption(), c.parameters().values().stream()
                        .sorted(java.util.Comparator.comparing(Parameter::name))
                        .map(ProtocolsMapper::parameter).toList())
                .lab(c.lab() == null ? null : c.lab().name()).threshold(c.renderedThreshold()).unit(c.unit());
    }

    private static ProtocolParameterDto parameter(Parameter p) {
        return new ProtocolParameterDto(p.name(), p.source(), p.assumption())
                .value(p.number()).codes(p.codes()).unit(p.unit());
    }
}
