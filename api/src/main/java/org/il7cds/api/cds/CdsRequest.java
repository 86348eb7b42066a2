package org.il7cds.api.cds;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.il7cds.api.fhir.FhirJson;
import org.il7cds.api.generated.model.CdsHookRequestDto;
import tools.jackson.databind.json.JsonMapper;

/**
 * One call of a CDS service: the request as sent, and its FHIR data by prefetch key. A key the client sent is used
 * as sent (null: the client found no data, so none), unless it is one page of a larger search; a key it did not send,
 * or sent as such a page, is fetched from {@code fhirServer} with the {@code fhirAuthorization} token
 * ({@link FhirFetcher}, within the time budget). When a needed key can be had neither way the call is a 412
 * ({@link PrefetchUnavailableException}).
 */
public final class CdsRequest {

    private static final Pattern TOKEN = Pattern.compile("\\{\\{([A-Za-z0-9_.]+)}}");
    /** CDS Hooks 2.0's user tokens, read from {@code context.userId} ({@code Practitioner/123} gives 123). */
    private static final Map<String, String> USER_TOKENS = Map.of("userPractitionerId", "Practitioner",
            "userPractitionerRoleId", "PractitionerRole", "userPatientId", "Patient", "userRelatedPersonId",
            "RelatedPerson");

    private final CdsHookRequestDto body;
    private final Map<String, String> templates;
    private final FhirFetcher fetcher;
    private final JsonMapper json;

    CdsRequest(CdsHookRequestDto body, Map<String, String> templates, FhirFetcher fetcher, JsonMapper json) {
        this.body = body;
        this.templates = templates;
        this.fetcher = fetcher;
        this.json = json;
    }

    /** The request as the client sent it. */
    public CdsHookRequestDto body() {
        return body;
    }

    /** A root-level primitive of {@code context} as text (a number or boolean as written), if present. */
    public Optional<String> contextValue(String field) {
        Object v = body.getContext() == null ? null : body.getContext().get(field);
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            String s = String.valueOf(v);
            return s.isBlank() ? Optional.empty() : Optional.of(s);
        }
        return Optional.empty();
    }

    /** A root-level field of {@code context} as HAPI reads it (draftOrders, selections' resources), if present. */
    public Optional<IBaseResource> contextResource(String field) {
        Object v = body.getContext() == null ? null : body.getContext().get(field);
        return v instanceof Map<?, ?> ? Optional.of(parse(v, "context." + field)) : Optional.empty();
    }

    /**
     * The resources of these prefetch keys of the service (a read gives the resource, a search a searchset Bundle;
     * empty: no data). Keys not prefetched, or prefetched as one page of a larger search ({@link #onePage}), are
     * fetched, all at once, within the budget.
     *
     * @throws PrefetchUnavailableException when a key is neither prefetched (whole) nor fetchable
     * @throws CdsInputException when a prefetched value is not FHIR R4 or a template's token is not in the context
     */
    public Map<String, Optional<IBaseResource>> resources(Collection<String> keys) {
        Map<String, Optional<IBaseResource>> out = new LinkedHashMap<>();
        Map<String, String> toFetch = new LinkedHashMap<>();
        List<String> absent = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        Map<String, Object> prefetch = body.getPrefetch();
        for (String key : keys) {
            String template = templates.get(key);
            if (template == null) {
                throw new IllegalArgumentException("no prefetch template " + key);
            }
            IBaseResource sent = null;
            if (prefetch != null && prefetch.containsKey(key)) {
                Object value = prefetch.get(key);
                sent = value == null ? null : parse(value, "prefetch." + key);
                if (!onePage(sent)) {
                    out.put(key, Optional.ofNullable(sent));
                    continue;
                }
            }
            (sent == null ? absent : pages).add(key);
            toFetch.put(key, url(key, template));
            out.put(key, Optional.empty()); // keeps the keys' order; replaced below
        }
        if (!toFetch.isEmpty()) {
            if (body.getFhirServer() == null) {
                List<String> why = new ArrayList<>();
                if (!absent.isEmpty()) {
                    why.add("Prefetch keys " + absent + " are missing");
                }
                pages.forEach(k -> why.add((why.isEmpty() ? "Prefetch" : "prefetch") + " key '" + k + "' is one page"
                        + " of a larger search (a next link, or a total above its matches)"));
                throw new PrefetchUnavailableException(String.join("; ", why) + " and the request gives no fhirServer"
                        + " to fetch the data from.");
            }
            String token = body.getFhirAuthorization() == null ? null : body.getFhirAuthorization().getAccessToken();
            out.putAll(fetcher.fetch(body.getFhirServer().toString(), token, toFetch));
        }
        return out;
    }

    /**
     * Reads these resources ({@code Type/id}, relative) from the request's FHIR server, all at once within the
     * budget; none when the request names no server (the caller then decides without them). Empty for one the
     * server does not have.
     *
     * @throws PrefetchUnavailableException when the server cannot be read
     */
    public Map<String, Optional<IBaseResource>> read(Collection<String> references) {
        if (references.isEmpty() || body.getFhirServer() == null) {
            return Map.of();
        }
        Map<String, String> urls = new LinkedHashMap<>();
        references.forEach(r -> urls.put(r, r));
        String token = body.getFhirAuthorization() == null ? null : body.getFhirAuthorization().getAccessToken();
        return fetcher.fetch(body.getFhirServer().toString(), token, urls);
    }

    /** The relative FHIR URL of a template with its prefetch tokens replaced from the context. */
    String url(String key, String template) {
        Matcher m = TOKEN.matcher(template);
        StringBuilder sb = new StringBuilder();
        List<String> missing = new ArrayList<>();
        while (m.find()) {
            String token = m.group(1);
            Optional<String> value = token.startsWith("context.") ? contextValue(token.substring("context.".length()))
                    : userId(token);
            if (value.isEmpty()) {
                missing.add(token);
                continue;
            }
            if (!value.get().matches("[A-Za-z0-9\\-.]{1,64}")) {
                throw new CdsInputException(token + " is not a FHIR id (prefetch template '" + key + "')");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value.get()));
        }
        if (!missing.isEmpty()) {
            throw new CdsInputException("the context lacks " + missing + ", which prefetch template '" + key
                    + "' needs");
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private Optional<String> userId(String token) {
        String type = USER_TOKENS.get(token);
        Optional<String> user = contextValue("userId");
        if (type == null || user.isEmpty() || !user.get().startsWith(type + "/")) {
            return Optional.empty();
        }
        return Optional.of(user.get().substring(type.length() + 1));
    }

    /**
     * True for a Bundle that says it holds only part of its search: a {@code next} link, or a {@code total} above
     * the matches it holds. A client may prefetch the first page only; read as the whole record, the page that would
     * hold a lymphoma (or the latest weight) is simply absent and the card says ELIGIBLE (or "matches").
     */
    private static boolean onePage(IBaseResource r) {
        if (!(r instanceof Bundle b)) {
            return false;
        }
        long matches = b.getEntry().stream().filter(e -> !e.getSearch().hasMode()
                || e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH).count();
        return b.getLink(Bundle.LINK_NEXT) != null || b.hasTotal() && b.getTotal() > matches;
    }

    private IBaseResource parse(Object value, String at) {
        if (!(value instanceof Map<?, ?>)) {
            throw new CdsInputException(at + " must be a FHIR resource (a JSON object) or null");
        }
        try {
            return FhirJson.parseAny(json.writeValueAsString(value));
        } catch (ca.uhn.fhir.parser.DataFormatException e) {
            throw new CdsInputException(at + " is not a FHIR R4 resource HAPI FHIR can read: " + shorten(e.getMessage()));
        }
    }

    private static String shorten(String s) {
        String t = s == null ? "" : s.replaceAll("\\s+", " ");
        return t.length() > 300 ? t.substring(0, 297) + "..." : t;
    }
}
