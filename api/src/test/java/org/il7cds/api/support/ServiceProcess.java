package org.il7cds.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The packaged service ({@code target/il7cds-api.jar}, built before the integration tests run) as a child process
 * with its own data directory and port, for crash tests: {@link #kill()} is a {@code kill -9}. It gets the test
 * API keys (the hashes of {@link TestKeys}) on its command line; its output goes to {@code output.log} in its
 * data directory.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final String[][] KEYS = {
        {"test-screener", "sha256:d3d4daaa86ffd445c5bb120a4f54f64fef130d9ecead1eede3e8d9c9c957b1db", "screener"},
        {"test-pharmacist", "sha256:347ac63c2a7b30972c7e2e66c7a629ab056e2a5169549c54d7d3bcb4c7ffe6c6", "pharmacist"},
        {"test-informatician", "sha256:f0afbca2893a6445c94ea93da75beccbfd76fd31d6bc3dad0f20829b02d0827d",
            "informatician"},
        {"test-auditor", "sha256:cc5fe883c22ba4d67e7356c48ce8a8d4fff8a55a04739d3f472d397ab9a4cde1", "auditor"},
    };

    private final Process process;
    private final int port;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the jar on {@code dataDir} and waits until its health is UP (at most 90 s). */
    public static ServiceProcess start(Path dataDir, String... properties) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "@jvm.options", "-jar", "target/il7cds-api.jar",
                "--server.port=" + port, "--il7cds.data-dir=" + dataDir, "--logging.level.root=WARN",
                "--il7cds.rate-limit.enabled=false",
                // the warm-up compile is a production speed-up (bench/RESULTS.md): a crash test's restarts skip it
                "--il7cds.rules.warm-up-compiler=false"));
        for (int i = 0; i < KEYS.length; i++) {
            command.add("--il7cds.security.api-keys[" + i + "].client-id=" + KEYS[i][0]);
            command.add("--il7cds.security.api-keys[" + i + "].hash=" + KEYS[i][1]);
            command.add("--il7cds.security.api-keys[" + i + "].roles=" + KEYS[i][2]);
        }
        for (String p : properties) {
            command.add("--" + p);
        }
        try {
            Files.createDirectories(dataDir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("output.log").toFile())).start();
            ServiceProcess service = new ServiceProcess(process, port);
            service.awaitHealthy(Duration.ofSeconds(90));
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> r = ApiIT.HTTP.send(HttpRequest.newBuilder(uri("/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the service was not healthy within " + timeout);
    }

    public HttpResponse<String> get(String path, TestKeys key) {
        return join(getAsync(path, key));
    }

    public HttpResponse<String> post(String path, String json, TestKeys key) {
        return join(postAsync(path, json, key));
    }

    public CompletableFuture<HttpResponse<String>> getAsync(String path, TestKeys key) {
        return ApiIT.HTTP.sendAsync(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", key.authorization()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public CompletableFuture<HttpResponse<String>> postAsync(String path, String json, TestKeys key) {
        return ApiIT.HTTP.sendAsync(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", key.authorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code kill -9}: the process gets no chance to finish anything. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static <T> T join(CompletableFuture<T> future) {
        return future.join();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
