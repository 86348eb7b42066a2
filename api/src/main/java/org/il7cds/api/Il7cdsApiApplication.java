package org.il7cds.api;

import java.util.Arrays;
import org.il7cds.engine.authoring.ValidateRulesCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The il7cds REST service: the contract in openapi.yaml, answered by the rules engine. */
@SpringBootApplication
public class Il7cdsApiApplication {

    /**
     * Starts the service; or, with a command as first argument, runs it without starting the server:
     * {@code validate <rules dir>} validates a rules directory (compile, lint, scenarios) and exits 0 when valid.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("validate")) {
            System.exit(ValidateRulesCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        SpringApplication.run(Il7cdsApiApplication.class, args);
    }
}
