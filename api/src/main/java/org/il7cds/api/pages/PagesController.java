package org.il7cds.api.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The pages for people at a desk: {@code /} (the product and the credential), {@code /screening} and
 * {@code /pharmacy}. Each is {@code classpath:pages/layout.html} (head, banner, navigation) around the page's own
 * {@code <name>.main.html}, put together once at start-up; their scripts and styles are under {@code /assets/}
 * ({@link PagesConfiguration}). A page holds no data: everything it shows comes from the API, called with the
 * credential the user gives, under the same security as any client.
 */
@Controller
class PagesController {

    /** One page: its path, its fragment, its title, its script, and whether it has a print layout. */
    record Page(String path, String name, String title, String script, boolean printable) {
    }

    static final List<Page> PAGES = List.of(
            new Page("/", "index", "il7cds: rhIL-7 eligibility and dosing", "home.js", false),
            new Page("/screening", "screening", "Screening: il7cds", "screening.js", false),
            new Page("/pharmacy", "pharmacy", "Pharmacy: il7cds", "pharmacy.js", true));

    private final Map<String, byte[]> html;

    PagesController() {
        String layout = read("layout.html");
        this.html = PAGES.stream().collect(Collectors.toUnmodifiableMap(Page::path, p -> layout
                .replace("{{title}}", p.title())
                .replace("{{print}}", p.printable()
                        ? "  <link rel=\"stylesheet\" href=\"/assets/print.css\" media=\"print\">\n" : "")
                .replace("{{script}}", p.script())
                .replace("<a href=\"" + p.path() + "\">", "<a href=\"" + p.path() + "\" aria-current=\"page\">")
                .replace("{{main}}", read(p.name() + ".main.html"))
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static String read(String name) {
        try (InputStream in = new ClassPathResource("pages/" + name).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("page " + name + " is not packaged in the service", e);
        }
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<byte[]> home() {
        return page("/");
    }

    @GetMapping(value = "/screening", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<byte[]> screening() {
        return page("/screening");
    }

    @GetMapping(value = "/pharmacy", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<byte[]> pharmacy() {
        return page("/pharmacy");
    }

    private ResponseEntity<byte[]> page(String path) {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache()).body(html.get(path));
    }
}
