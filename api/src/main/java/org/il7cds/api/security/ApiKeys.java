package org.il7cds.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured API keys, held as SHA-256 hashes only. A presented key is hashed and compared with every
 * configured hash in constant time (no early exit, {@link MessageDigest#isEqual}), so neither the time taken nor
 * the order of the keys tells an attacker anything. Keys are 256 random bits, so a plain SHA-256 (no salt, no
 * slow hash) is enough: there is no dictionary to attack.
 */
public final class ApiKeys {

    public static final String HASH_PREFIX = "sha256:";
    public static final String KEY_PREFIX = "il7_";
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern HASH = Pattern.compile("sha256:[0-9a-f]{64}");
    /** Longer than any key we issue; longer input is refused before hashing. */
    static final int MAX_KEY_LENGTH = 200;

    /** A client the key belongs to, with its roles. */
    public record Client(String clientId, Set<Role> roles) {
    }

    private record Entry(byte[] hash, Client client) {
    }

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Checks the configuration and fails (the service does not start) on anything doubtful: a missing client id or
     * role, an unknown role, a hash not in {@code sha256:<64 lower-case hex>} form, a duplicated client id or hash.
     */
    public static ApiKeys of(List<Il7cdsSecurityProperties.ApiKey> configured) {
        List<Entry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < configured.size(); i++) {
            Il7cdsSecurityProperties.ApiKey k = configured.get(i);
            String where = "il7cds.security.api-keys[" + i + "]";
            if (k.clientId() == null || !CLIENT_ID.matcher(k.clientId()).matches()) {
                throw new IllegalStateException(where + ".client-id must be 1-64 of A-Z a-z 0-9 . _ -");
            }
            String hash = k.hash() == null ? "" : k.hash().trim().toLowerCase(Locale.ROOT);
            if (!HASH.matcher(hash).matches()) {
                throw new IllegalStateException(where + ".hash must be sha256:<64 hex digits> (the hash, never the key;"
                        + " create one with: java -jar il7cds-api.jar create-api-key)");
            }
            EnumSet<Role> roles = EnumSet.noneOf(Role.class);
            for (String r : k.roles()) {
                roles.add(Role.parse(r).orElseThrow(() -> new IllegalStateException(where + ".roles: unknown role '"
                        + r + "'; known roles: " + Role.known())));
            }
            if (roles.isEmpty()) {
                throw new IllegalStateException(where + ".roles must name at least one of " + Role.known());
            }
            if (!ids.add(k.clientId())) {
                throw new IllegalStateException(where + ".client-id '" + k.clientId() + "' is configured twice");
            }
            if (!hashes.add(hash)) {
                throw new IllegalStateException(where + ".hash is the hash of another configured key");
            }
            entries.add(new Entry(HexFormat.of().parseHex(hash.substring(HASH_PREFIX.length())),
                    new Client(k.clientId(), Set.copyOf(roles))));
        }
        return new ApiKeys(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    public List<Client> clients() {
        return entries.stream().map(Entry::client).toList();
    }

    /** The client whose key this is, if any. */
    public Optional<Client> match(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty() || presentedKey.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        byte[] presented = sha256(presentedKey);
        Client found = null;
        for (Entry e : entries) {
            // Every entry is compared, match or not: the time does not depend on which key matched.
            if (MessageDigest.isEqual(e.hash(), presented) & found == null) {
                found = e.client();
            }
        }
        return Optional.ofNullable(found);
    }

    /** {@code sha256:<hex>} of the key's UTF-8 bytes: the form the configuration holds. */
    public static String hash(String key) {
        return HASH_PREFIX + HexFormat.of().formatHex(sha256(key));
    }

    /** A new key: {@code il7_} and 256 random bits, base64url without padding (47 characters). */
    public static String newKey(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
