package org.il7cds.api.web;

import java.util.ArrayDeque;
import java.util.Deque;
import tools.jackson.core.FormatSchema;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.InjectableValues;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.DeserializationContexts;
import tools.jackson.databind.deser.DeserializationContextExt;
import tools.jackson.databind.deser.DeserializerCache;
import tools.jackson.databind.deser.DeserializerFactory;

/**
 * Jackson's deserialization contexts, plus where a parser limit was broken. A number longer than Jackson's limit
 * (1000 characters) fails while the parser reads the token, before the property that holds it is deserialized, so
 * Jackson's own path stops at the enclosing object ({@code candidate.cd4Counts[0]}). At the root the parser still
 * stands on the value, and its context names it: {@code candidate.cd4Counts[0].value}. Costs nothing unless a limit
 * is broken.
 */
final class LimitLocatingContexts extends DeserializationContexts.DefaultImpl {

    private static final long serialVersionUID = 1L;

    LimitLocatingContexts() {
    }

    private LimitLocatingContexts(TokenStreamFactory streams, DeserializerFactory deserializers, DeserializerCache cache) {
        super(streams, deserializers, cache);
    }

    @Override
    public DeserializationContexts forMapper(Object mapper, TokenStreamFactory streams,
            DeserializerFactory deserializers, DeserializerCache cache) {
        return new LimitLocatingContexts(streams, deserializers, cache);
    }

    @Override
    public DeserializationContextExt createContext(DeserializationConfig config, FormatSchema schema,
            InjectableValues injectables) {
        return new Context(_streamFactory, _deserializerFactory, _cache, config, schema, injectables);
    }

    /** A broken parser limit with the field it was broken at, as the request names it ("" for the body). */
    static final class LocatedLimitException extends StreamConstraintsException {
        private static final long serialVersionUID = 1L;
        private final String field;

        LocatedLimitException(StreamConstraintsException cause, String field) {
            super(cause.getOriginalMessage());
            initCause(cause);
            this.field = field;
        }

        String field() {
            return field;
        }

        /** A number above Jackson's length limit, rather than a string, a name or the nesting depth. */
        boolean isNumberLength() {
            return getOriginalMessage() != null && getOriginalMessage().startsWith("Number value length");
        }
    }

    private static final class Context extends DeserializationContextExt {

        Context(TokenStreamFactory streams, DeserializerFactory deserializers, DeserializerCache cache,
                DeserializationConfig config, FormatSchema schema, InjectableValues injectables) {
            super(streams, deserializers, cache, config, schema, injectables);
        }

        @Override
        public Object readRootValue(JsonParser p, JavaType valueType, ValueDeserializer<Object> deser,
                Object valueToUpdate) {
            try {
                return super.readRootValue(p, valueType, deser, valueToUpdate);
            } catch (StreamConstraintsException e) {
                throw new LocatedLimitException(e, field(p.streamReadContext()));
            }
        }

        /** {@code candidate.cd4Counts[0].value}: names and indexes from the root down. */
        private static String field(TokenStreamContext context) {
            Deque<String> parts = new ArrayDeque<>();
            for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inArray()) {
                    parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
                } else if (c.currentName() != null) {
                    parts.push("." + c.currentName());
                }
            }
            String path = String.join("", parts);
            return path.startsWith(".") ? path.substring(1) : path;
        }
    }
}
