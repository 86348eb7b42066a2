package org.il7cds.api;

import java.util.Arrays;
import org.il7cds.api.security.CreateApiKeyCommand;
import org.il7cds.engine.authoring.ValidateRulesCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * The il7cds REST service: the contract in openapi.yaml, answered by the rules engine. The first argument may
 * name a command that runs instead of the server ({@code create-api-key}, {@code validate <rules dir>});
 * anything else starts the server.
 */
// No in-memory user and no generated password: the only credentials are configured API keys and JWTs.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
public class Il7cdsApiApplication {

    /**
     * Starts the service, or runs a command without starting the server: {@code create-api-key} prints a new key
     * and its configuration lines; {@code validate <rules dir>} validates a rules directory (compile, lint,
     * scenarios) and exits 0 when valid, 1 when not.
     */
    public static void main(String[] args) {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "create-api-key" -> System.exit(CreateApiKeyCommand.run(rest, System.out, System.err));
            case "validate" -> System.exit(ValidateRulesCommand.run(rest, System.out));
            default -> SpringApplication.run(Il7cdsApiApplication.class, args);
        }
    }
}
