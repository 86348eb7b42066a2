package org.il7cds.api.protocols;

import org.il7cds.api.generated.api.ProtocolsApi;
import org.il7cds.api.generated.api.RulesApi;
import org.il7cds.api.generated.model.ProtocolDto;
import org.il7cds.api.generated.model.ProtocolListDto;
import org.il7cds.api.generated.model.RulesVersionDto;
import org.il7cds.api.generated.model.ConfiguredBundleDto;
import org.il7cds.engine.UnknownProtocolException;
import org.il7cds.engine.authoring.Activation;
import org.il7cds.engine.authoring.RulesRegistry;
import org.il7cds.engine.rules.ActiveRules;
import org.il7cds.engine.rules.RuleSet;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /v1/protocols[/{id}] and /v1/rules/version: what the active rules define, which stored version they are, and
 * whether the bundle the service was started with is the active one.
 */
@RestController
class ProtocolsController implements ProtocolsApi, RulesApi {

    private final ActiveRules rules;
    private final RulesRegistry registry;

    ProtocolsController(ActiveRules rules, RulesRegistry registry) {
        this.rules = rules;
        this.registry = registry;
    }

    @Override
    public ResponseEntity<ProtocolListDto> listProtocols() {
        return ResponseEntity.ok(ProtocolsMapper.list(rules.get()));
    }

    @Override
    public ResponseEntity<ProtocolDto> getProtocol(String protocolId) {
        RuleSet set = rules.get();
        return ResponseEntity.ok(ProtocolsMapper.protocol(set, set.protocol(protocolId)
                .orElseThrow(() -> new UnknownProtocolException(protocolId, set.protocolIds())).definition()));
    }

    @Override
    public ResponseEntity<RulesVersionDto> getRulesVersion() {
        // The activation is swapped after the rules: read it first, so the ids never name a version older than the rules.
        Activation active = registry.active();
        RuleSet set = rules.get();
        RulesRegistry.Configured configured = registry.configured();
        RulesVersionDto dto = ProtocolsMapper.version(set).configured(new ConfiguredBundleDto(
                ConfiguredBundleDto.OriginEnum.fromValue(configured.origin()), configured.contentHash(),
                configured.contentHash().equals(set.contentHash())).version(configured.version()));
        if (active.contentHash().equals(set.contentHash())) {
            dto.versionId(active.versionId()).activationId(active.id());
        }
        return ResponseEntity.ok(dto);
    }
}
