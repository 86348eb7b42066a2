package org.il7cds.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.il7cds.api.support.TestKeys;
import org.il7cds.engine.rules.SafeYaml;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every example the project shows is run against the running service, which must answer as shown. The service's
 * "today" is years after every example date ({@link #TODAY}), so an example that leans on today's date (a first
 * injection "in the future", a recent sample) fails here instead of rotting quietly.
 *
 * <p><b>openapi.yaml.</b> Every operation is run with its request example: the {@code application/json} example of
 * its request body, and the {@code example} of each path parameter. The credential holds all four roles. The answer
 * must have the operation's lowest documented 2xx status and, field by field, its example for each media type the
 * operation documents with one: in a JSON example every field must be in the answer with the same value (objects
 * field by field; list items matched by their {@code id} when they have one, else by position; in a string each
 * "..." stands for any text; {@link #VOLATILE} fields such as timestamps are not compared); in a text example (iCalendar,
 * CSV) every line but one holding "..." must be a line of the answer. An operation whose example must not be run
 * blindly (it changes the live state, or needs a differently started service) carries
 * {@code x-example-not-run: <why>}, and is listed, not run.
 *
 * <p><b>README.md and docs/*.md.</b> Every fenced block whose first line starts with {@code curl } is run, each curl
 * command in it (lines ending in a backslash continue on the next). {@code $KEY} is the all-roles key,
 * {@code localhost:8080} the service under test, {@code @file} a file of the repository root; the options read are
 * {@code -s -i -H -d --data-binary -o}. The fenced block right after it, if there is one, is the documented answer:
 * a first line {@code HTTP/1.1 <status>} gives the status and the header lines after it must be headers of the
 * answer; otherwise the status is 200. A JSON answer (one line per command when the block runs several) is checked
 * by its {@code "field":value} pairs, each of which must be a field of the answer with that value ("..." in a
 * value stands for any text; cut answers are fine); a text answer line by line as above. A curl block preceded by the line
 * {@code <!-- example: not run (why) -->} is listed, not run: use it for examples that need a restart or change the
 * live state.
 */
@SpringBootTest(classes = Il7cdsApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ExamplesIT.YearsLater.class)
@ActiveProfiles("it")
class ExamplesIT {

    /** Long after every example date. */
    static final LocalDate TODAY = LocalDate.of(2031, 6, 2);
    /** Fields whose documented value cannot be the one answered (a timestamp of this run). */
    static final Set<String> VOLATILE = Set.of("activatedAt");
    static final String NOT_RUN = "<!-- example: not run";

    private static final Path ROOT = Path.of("..");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = TestKeys.ALL_ROLES.key();

    @TestConfiguration(proxyBeanMethods = false)
    static class YearsLater {
        @Bean
        @Primary
        Clock yearsLater() {
            return Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        }
    }

    @LocalServerPort
    int port;

    // ------------------------------------------------------------------------------------ openapi.yaml

    @TestFactory
    Stream<DynamicTest> everyOpenApiExampleAnswersAsDocumented() throws IOException {
        Map<String, Object> spec = yaml(Files.readString(ROOT.resolve("openapi.yaml")));
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Object> path : map(spec.get("paths")).entrySet()) {
            for (Map.Entry<String, Object> op : map(path.getValue()).entrySet()) {
                Map<String, Object> operation = map(op.getValue());
                String method = op.getKey().toUpperCase();
                String name = method + " " + path.getKey() + " (" + operation.get("operationId") + ")";
                Object notRun = operation.get("x-example-not-run");
                if (notRun != null) {
                    assertThat(String.valueOf(notRun)).as(name + ": x-example-not-run needs its reason").isNotBlank();
                    tests.add(DynamicTest.dynamicTest(name + " is not run: " + notRun, () -> { }));
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(name, () -> runOpenApiExample(method, path.getKey(), operation,
                        spec)));
            }
        }
        return tests.stream();
    }

    private void runOpenApiExample(String method, String template, Map<String, Object> operation,
            Map<String, Object> spec) {
        String path = template;
        for (Object p : list(operation.get("parameters"))) {
            Map<String, Object> parameter = map(p);
            if ("path".equals(parameter.get("in"))) {
                assertThat(parameter.get("example")).as(template + " parameter " + parameter.get("name")).isNotNull();
                path = path.replace("{" + parameter.get("name") + "}", String.valueOf(parameter.get("example")));
            }
        }
        String body = null;
        if (operation.get("requestBody") != null) {
            Object example = map(map(map(map(operation.get("requestBody")).get("content")).get("application/json")))
                    .get("example");
            assertThat(example).as(method + " " + template + ": the request body needs an example").isNotNull();
            body = JSON.writeValueAsString(example);
        }
        Map.Entry<String, Map<String, Object>> success = map(operation.get("responses")).entrySet().stream()
                .filter(e -> e.getKey().startsWith("2")).min(Map.Entry.comparingByKey())
                .map(e -> Map.entry(e.getKey(), map(e.getValue()))).orElseThrow();
        Map<String, Object> content = map(success.getValue().get("content"));
        if (content.isEmpty()) {
            HttpResponse<String> r = send(method, path, body, "application/json", OPENAPI);
            assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(Integer.parseInt(success.getKey()));
        }
        for (Map.Entry<String, Object> media : content.entrySet()) {
            HttpResponse<String> r = send(method, path, body, media.getKey(), OPENAPI);
            String what = method + " " + path + " as " + media.getKey();
            assertThat(r.statusCode()).as(what + ": " + r.body()).isEqualTo(Integer.parseInt(success.getKey()));
            Object example = map(media.getValue()).get("example");
            if (example instanceof String text) {
                assertLines(what, text, r.body());
            } else if (example != null) {
                assertSubset(what, "", JSON.valueToTree(example), JSON.readTree(r.body()));
            }
        }
    }

    /** Every field of {@code expected} is in {@code actual} with the same value (see the class comment). */
    static void assertSubset(String what, String at, JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            assertThat(actual.isObject()).as(what + " at " + at + ": an object, got " + actual).isTrue();
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                if (VOLATILE.contains(field.getKey())) {
                    continue;
                }
                assertThat(actual.has(field.getKey())).as(what + ": " + at + "." + field.getKey() + " is missing in "
                        + abbreviate(actual.toString())).isTrue();
                assertSubset(what, at + "." + field.getKey(), field.getValue(), actual.get(field.getKey()));
            }
        } else if (expected.isArray()) {
            assertThat(actual.isArray()).as(what + " at " + at + ": a list, got " + actual).isTrue();
            for (int i = 0; i < expected.size(); i++) {
                JsonNode item = expected.get(i);
                JsonNode match = null;
                if (item.isObject() && item.has("id")) {
                    for (JsonNode a : actual) {
                        if (a.path("id").equals(item.get("id"))) {
                            match = a;
                        }
                    }
                } else if (i < actual.size()) {
                    match = actual.get(i);
                }
                assertThat(match).as(what + ": " + at + "[" + i + "] has no counterpart in " + abbreviate(actual.toString()))
                        .isNotNull();
                assertSubset(what, at + "[" + i + "]", item, match);
            }
        } else {
            assertThat(sameValue(expected, actual)).as(what + ": " + at + " is " + actual + ", documented " + expected)
                    .isTrue();
        }
    }

    private static boolean sameValue(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (expected.isString() && expected.asString().contains("...")) {
            return actual.isString() && elided(expected.asString(), actual.asString());
        }
        return expected.equals(actual);
    }

    /** "known fields: [a, b, ...]" matches "known fields: [a, b, c, d]": each "..." stands for any text. */
    static boolean elided(String documented, String actual) {
        String[] parts = documented.split(Pattern.quote("..."), -1);
        if (!actual.startsWith(parts[0]) || !actual.endsWith(parts[parts.length - 1])) {
            return false;
        }
        int from = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            from = actual.indexOf(parts[i], from);
            if (from < 0) {
                return false;
            }
            from += parts[i].length();
        }
        return from <= actual.length() - parts[parts.length - 1].length();
    }

    // ------------------------------------------------------------------------------------- README and docs

    @TestFactory
    Stream<DynamicTest> everyCurlOfTheReadmeAndTheDocsAnswersAsDocumented() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            List<Block> blocks = blocks(Files.readAllLines(file));
            for (int i = 0; i < blocks.size(); i++) {
                Block block = blocks.get(i);
                if (!block.lines().isEmpty() && block.lines().get(0).startsWith("curl ")) {
                    String name = ROOT.relativize(file) + ":" + block.line();
                    if (block.notRun() != null) {
                        tests.add(DynamicTest.dynamicTest(name + " is not run: " + block.notRun(), () -> { }));
                        continue;
                    }
                    Block answer = i + 1 < blocks.size() && blocks.get(i + 1).follows(block) ? blocks.get(i + 1) : null;
                    tests.add(DynamicTest.dynamicTest(name, () -> runCurls(name, block, answer)));
                }
            }
        }
        assertThat(tests).as("curl examples found").hasSizeGreaterThan(5);
        return tests.stream();
    }

    /** A fenced block: its first line number, its lines, the line after its fence, and a not-run reason. */
    record Block(int line, List<String> lines, int end, String notRun) {
        /** Only blank lines between the other block's closing fence and this one's opening fence. */
        boolean follows(Block previous) {
            return line == previous.end();
        }
    }

    private static List<Block> blocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("```")) {
                int start = i;
                List<String> body = new ArrayList<>();
                for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                    body.add(lines.get(i));
                }
                String before = start > 0 ? lines.get(start - 1).trim() : "";
                String notRun = before.startsWith(NOT_RUN) ? before.substring(NOT_RUN.length()).replace("-->", "")
                        .trim() : null;
                blocks.add(new Block(start + 1, body, i + 2, notRun));
            }
        }
        return blocks;
    }

    private void runCurls(String name, Block block, Block answer) throws IOException {
        List<List<String>> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : block.lines()) {
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                current.append(line);
                if (!current.toString().isBlank()) {
                    commands.add(words(current.toString()));
                }
                current.setLength(0);
            }
        }
        List<String> answers = new ArrayList<>();
        if (answer != null) {
            if (commands.size() == 1) {
                answers.add(String.join("\n", answer.lines()));
            } else {
                answer.lines().stream().filter(l -> !l.isBlank()).forEach(answers::add);
                assertThat(answers).as(name + ": one answer line per command").hasSameSizeAs(commands);
            }
        }
        for (int c = 0; c < commands.size(); c++) {
            Curl curl = Curl.parse(commands.get(c), port);
            HttpResponse<String> r = send(curl.method(), curl.path(), curl.body(), null, curl.headers());
            String what = name + " command " + (c + 1);
            String documented = c < answers.size() ? answers.get(c) : null;
            int status = 200;
            if (documented != null && documented.startsWith("HTTP/1.1 ")) {
                String[] parts = documented.split("\n\n", 2);
                List<String> head = parts[0].lines().toList();
                status = Integer.parseInt(head.get(0).substring("HTTP/1.1 ".length()).trim().split(" ")[0]);
                for (String header : head.subList(1, head.size())) {
                    String[] nv = header.split(":\\s*", 2);
                    assertThat(r.headers().allValues(nv[0])).as(what + ": header " + nv[0]).anyMatch(v -> v.startsWith(nv[1]));
                }
                documented = parts.length > 1 ? parts[1] : null;
            }
            assertThat(r.statusCode()).as(what + ": " + abbreviate(r.body())).isEqualTo(status);
            if (documented == null || documented.isBlank()) {
                continue;
            }
            if (documented.trim().startsWith("{")) {
                assertPairs(what, documented, JSON.readTree(r.body()));
            } else {
                assertLines(what, documented, r.body());
            }
        }
    }

    private static final Pattern PAIR = Pattern.compile(
            "\"([A-Za-z0-9_]+)\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|true|false)");

    /** Each {@code "field":value} of the documented text is a field of the answer, somewhere, with that value. */
    static void assertPairs(String what, String documented, JsonNode actual) {
        Matcher m = PAIR.matcher(documented);
        int pairs = 0;
        while (m.find()) {
            if (VOLATILE.contains(m.group(1))) {
                continue;
            }
            pairs++;
            JsonNode expected = JSON.readTree(m.group(2));
            assertThat(anyField(actual, m.group(1), expected)).as(what + ": \"" + m.group(1) + "\":" + m.group(2)
                    + " is not in the answer " + abbreviate(actual.toString())).isTrue();
        }
        assertThat(pairs).as(what + ": fields documented").isPositive();
    }

    private static boolean anyField(JsonNode node, String name, JsonNode expected) {
        if (node.isObject()) {
            if (node.has(name) && sameValue(expected, node.get(name))) {
                return true;
            }
            for (Iterator<JsonNode> it = node.values().iterator(); it.hasNext();) {
                if (anyField(it.next(), name, expected)) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (anyField(item, name, expected)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every documented line, but those holding "...", is a line of the answer (ignoring trailing spaces). */
    static void assertLines(String what, String documented, String actual) {
        List<String> answered = actual.lines().map(String::stripTrailing).toList();
        documented.lines().map(String::stripTrailing).filter(l -> !l.isBlank() && !l.contains("..."))
                .forEach(l -> assertThat(answered).as(what + ": line '" + l + "'").contains(l));
    }

    /** A curl command line as the README writes it: -s, -i, -H, -d, --data-binary, -o, and the URL. */
    record Curl(String method, String path, String body, List<String[]> headers) {
        static Curl parse(List<String> words, int port) throws IOException {
            String url = null;
            String body = null;
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < words.size(); i++) {
                String w = words.get(i);
                switch (w) {
                    case "-s", "-i", "-si", "-is" -> { }
                    case "-H" -> {
                        String[] nv = words.get(++i).split(":\\s*", 2);
                        headers.add(new String[] {nv[0], nv[1].replace("$KEY", KEY)});
                    }
                    case "-d", "--data-binary" -> {
                        String data = words.get(++i);
                        body = data.startsWith("@") ? Files.readString(ROOT.resolve(data.substring(1))) : data;
                    }
                    case "-o" -> i++;
                    default -> {
                        assertThat(w).as("curl option not understood by this test").doesNotStartWith("-");
                        url = w;
                    }
                }
            }
            assertThat(url).as("curl URL").startsWith("localhost:8080/");
            return new Curl(body == null ? "GET" : "POST", url.substring("localhost:8080".length()), body, headers);
        }
    }

    /** Shell words: single and double quotes group, $KEY inside double quotes stays for the header substitution. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean in = false;
        char quote = 0;
        for (char ch : line.toCharArray()) {
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    w.append(ch);
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                in = true;
            } else if (Character.isWhitespace(ch)) {
                if (in) {
                    words.add(w.toString());
                    w.setLength(0);
                    in = false;
                }
            } else {
                w.append(ch);
                in = true;
            }
        }
        if (in) {
            words.add(w.toString());
        }
        return words;
    }

    // ---------------------------------------------------------------------------------------------- http

    /** The headers of an openapi.yaml example: none but the all-roles key (compared by identity in send). */
    private static final List<String[]> OPENAPI = new ArrayList<>();

    private HttpResponse<String> send(String method, String path, String body, String accept, List<String[]> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        boolean typed = false;
        for (String[] h : headers) {
            b.header(h[0], h[1]);
            typed |= h[0].equalsIgnoreCase("Content-Type");
        }
        if (headers == OPENAPI) { // an openapi.yaml example: the all-roles key (a curl names its own headers)
            b.header("Authorization", "ApiKey " + KEY);
        }
        if (body != null && !typed) {
            b.header("Content-Type", "application/json");
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    private static Map<String, Object> yaml(String text) {
        return map(SafeYaml.create().load(text));
    }

    private static String abbreviate(String s) {
        return s == null || s.length() < 1500 ? s : s.substring(0, 1500) + "...";
    }
}
