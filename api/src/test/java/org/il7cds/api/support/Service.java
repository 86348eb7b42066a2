package org.il7cds.api.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.il7cds.api.Il7cdsApiApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real service started in this JVM on a random port with its own database (for restart tests: stop it and
 * start another on the same database), with the test keys of profile {@code it} and the fixed test clock.
 */
public final class Service implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;
    private final int port;

    private Service(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Starts the service with these properties ({@code name=value}) besides a random port and profile it. */
    public static Service start(String... properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.profiles.active=it",
                "--logging.level.root=WARN", "--logging.level.org.il7cds=INFO"));
        for (String p : properties) {
            args.add("--" + p);
        }
        return new Service(new SpringApplicationBuilder(Il7cdsApiApplication.class, FixedClockConfiguration.class)
                .run(args.toArray(String[]::new)));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public HttpResponse<String> get(String path, TestKeys key) {
        return send(HttpRequest.newBuilder(uri(path)).GET().header("Authorization", key.authorization()));
    }

    public HttpResponse<String> post(String path, String json, TestKeys key) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Authorization", key.authorization()));
    }

    public JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return ApiIT.HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
