package org.il7cds.engine.rules;

import java.util.IdentityHashMap;
import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Which rule is deciding: an agenda listener (public KIE API) told of every rule before its consequence runs, so
 * that a consequence records its decision without naming itself ({@code findings.met($c, $l)}, not
 * {@code drools.getRule()}). One per session; a session runs one request at a time.
 */
public final class DecidingRule extends DefaultAgendaEventListener {

    private final Map<Rule, String> sources = new IdentityHashMap<>();
    private String name;
    private String source;

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        Rule rule = event.getMatch().getRule();
        name = rule.getName();
        source = sources.computeIfAbsent(rule, DecidingRule::sourceOf);
    }

    /** The name of the rule whose consequence is running (null outside a consequence's first firing). */
    public String name() {
        return name;
    }

    /** Its {@code @source} text, or null. */
    public String source() {
        return source;
    }

    /** A rule's {@code @source} metadata as plain text (Drools may keep the quotes), or null. */
    public static String sourceOf(Rule rule) {
        return metadata(rule, "source");
    }

    /** A rule's metadata {@code @key("...")} as plain text (Drools may keep the quotes), or null. */
    public static String metadata(Rule rule, String key) {
        Object value = rule.getMetaData().get(key);
        if (value == null) {
            return null;
        }
        String s = String.valueOf(value);
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
