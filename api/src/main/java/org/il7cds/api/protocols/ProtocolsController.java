package org.il7cds.api.protocols;

import org.il7cds.api.generated.api.ProtocolsApi;
import org.il7cds.api.generated.api.RulesApi;
import org.il7cds.api.generated.model.ProtocolDto;
import org.il7cds.api.generated.model.ProtocolListDto;
import org.il7cds.api.generated.model.RulesVersionDto;
import org.il7cds.engine.UnknownProtocolException;
import org.il7cds.engine.rules.ActiveRules;
import org.il7cds.engine.rules.RuleSet;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** GET /v1/protocols[/{id}] and /v1/rules/version: what the active rules define. */
@RestController
class ProtocolsController implements ProtocolsApi, RulesApi {

    private final ActiveRules rules;

    ProtocolsController(ActiveRules rules) {
        this.rules = rules;
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
        return ResponseEntity.ok(ProtocolsMapper.version(rules.get()));
    }
}
