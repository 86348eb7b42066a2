package org.il7cds.api.security;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code java -jar il7cds-api.jar create-api-key --client-id=clinic-a --roles=screener[,pharmacist...]}: prints a
 * new key once, and the configuration lines holding its hash. The service never stores or logs the key; whoever
 * runs this hands the key to the client over a secure channel. No web server is started.
 */
public final class CreateApiKeyCommand {

    private CreateApiKeyCommand() {
    }

    /** Returns the process exit code: 0 done, 2 bad arguments. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String clientId = null;
        String roles = null;
        int index = 0;
        for (String a : args) {
            if (a.startsWith("--client-id=")) {
                clientId = a.substring("--client-id=".length());
            } else if (a.startsWith("--roles=")) {
                roles = a.substring("--roles=".length());
            } else if (a.startsWith("--index=")) {
                try {
                    index = Integer.parseInt(a.substring("--index=".length()));
                } catch (NumberFormatException e) {
                    index = -1;
                }
                if (index < 0) {
                    return usage(err, "--index must be a whole number >= 0");
                }
            } else {
                return usage(err, "unknown argument '" + a + "'");
            }
        }
        if (clientId == null || !ApiKeys.CLIENT_ID.matcher(clientId).matches()) {
            return usage(err, "--client-id must be 1-64 of A-Z a-z 0-9 . _ -");
        }
        if (roles == null || roles.isBlank()) {
            return usage(err, "--roles must name at least one role");
        }
        Set<String> parsed = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String r : roles.split(",")) {
            Role.parse(r).ifPresentOrElse(role -> parsed.add(role.id()), () -> unknown.add(r.trim()));
        }
        if (!unknown.isEmpty() || parsed.isEmpty()) {
            return usage(err, "unknown role(s) " + unknown + "; known roles: " + Role.known());
        }
        String key = ApiKeys.newKey(new SecureRandom());
        String hash = ApiKeys.hash(key);
        String roleList = String.join(",", parsed);
        String p = "il7cds.security.api-keys[" + index + "]";
        out.println("New API key for client '" + clientId + "' (roles " + roleList + ").");
        out.println("It is shown only this once and the service keeps only its hash: hand it to the client now,");
        out.println("over a secure channel. The client sends it as:  Authorization: ApiKey <key>");
        out.println();
        out.println(key);
        out.println();
        out.println("Add to the service's configuration (application properties; use the next free index):");
        out.println(p + ".client-id=" + clientId);
        out.println(p + ".hash=" + hash);
        out.println(p + ".roles=" + roleList);
        out.println();
        out.println("or as environment variables:");
        String e = "IL7CDS_SECURITY_APIKEYS_" + index + "_";
        out.println(e + "CLIENTID=" + clientId);
        out.println(e + "HASH=" + hash);
        out.println(e + "ROLES=" + roleList);
        return 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("create-api-key: " + problem);
        err.println("usage: java -jar il7cds-api.jar create-api-key --client-id=<id> --roles=<role>[,<role>...]"
                + " [--index=<n>]");
        err.println("roles: " + Role.known());
        return 2;
    }
}
