package org.il7cds.api;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.OptionalInt;
import org.il7cds.api.security.CreateApiKeyCommand;
import org.il7cds.engine.authoring.ValidateRulesCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * The il7cds REST service: the contract in openapi.yaml, answered by the rules engine. The first argument names a
 * command ({@link #USAGE}); without one, or with only {@code --option}s, the server starts.
 */
// No in-memory user and no generated password: the only credentials are configured API keys and JWTs.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
public class Il7cdsApiApplication {

    static final String USAGE = """
            usage: java -jar il7cds-api.jar [command] [options]

            commands:
              serve [--option=value ...]   start the service (the default when no command is given), e.g.
                                           --server.port=9090, --rules.dir=/path/to/rules
              validate <rules directory>   compile, lint and run the scenarios of a rules directory without
                                           starting the service; exit 0 when valid, 1 when not
              create-api-key --client-id=<id> --roles=<role>[,<role>...] [--index=<n>]
                                           print a new API key once, and the configuration lines holding its hash
                                           (roles: screener, pharmacist, informatician, auditor)
              help                         print this text (also --help, -h)
            """;

    /** Runs the command, or starts the server. */
    public static void main(String[] args) {
        OptionalInt exit = command(args, System.out, System.err);
        if (exit.isPresent()) {
            System.exit(exit.getAsInt());
        }
        boolean named = args.length > 0 && args[0].equals("serve");
        SpringApplication.run(Il7cdsApiApplication.class, named ? Arrays.copyOfRange(args, 1, args.length) : args);
    }

    /**
     * Runs the command the arguments name and returns its exit status, or nothing when the server is to start
     * (no argument, {@code serve}, or only {@code --option}s). An unknown command is an error (status 2), never a
     * server start.
     */
    static OptionalInt command(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "serve" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "serve":
                return OptionalInt.empty();
            case "help", "--help", "-h":
                out.print(USAGE);
                return OptionalInt.of(0);
            case "create-api-key":
                return OptionalInt.of(CreateApiKeyCommand.run(rest, out, err));
            case "validate":
                // The report is the output: the engine's own log lines (Drools compiler notes) would bury it.
                // beforeInitialize() holds every log event back, as Spring does until logging is configured.
                LoggingSystem logging = LoggingSystem.get(Il7cdsApiApplication.class.getClassLoader());
                logging.beforeInitialize();
                logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.OFF);
                return OptionalInt.of(ValidateRulesCommand.run(rest, out));
            default:
                if (command.startsWith("--")) {
                    return OptionalInt.empty();
                }
                err.println("unknown command '" + command + "'");
                err.print(USAGE);
                return OptionalInt.of(2);
        }
    }
}
