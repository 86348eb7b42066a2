package org.il7cds.api.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The pages for people at a desk: {@code /} (the product and the credential), {@code /screening} and
 * {@code /pharmacy}. They are plain HTML, read once from {@code classpath:pages/}; their scripts and styles are
 * under {@code /assets/} ({@link PagesConfiguration}). A page holds no data: everything it shows comes from the API,
 * called with the credential the user gives, under the same security as any client.
 */
@Controller
class PagesController {

    private final Map<String, byte[]> html;

    PagesController() {
        this.html = Map.of("/", read("index.html"), "/screening", read("screening.html"),
                "/pharmacy", read("pharmacy.html"));
    }

    private static byte[] read(String name) {
        try (InputStream in = new ClassPathResource("pages/" + name).getInputStream()) {
            return in.readAllBytes();
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
