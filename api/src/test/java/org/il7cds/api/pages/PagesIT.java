package org.il7cds.api.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Bodies;
import org.il7cds.api.support.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The pages as a person uses them, in Debian's headless chromium driven by Selenium through Debian's chromedriver
 * (never a downloaded driver; .ci/run installs both, poppler-utils for pdftotext and axe-core for the
 * accessibility checks). One browser for the class, one tab: the API key given on the home page is kept in that
 * tab's sessionStorage, as a user's would be, so the tests run in order. Screenshots, the printed preparation sheet
 * and the downloads are kept under target/pages/ for review.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesIT extends ApiIT {

    static final String CHROMIUM = System.getProperty("il7cds.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("il7cds.chromedriver", "/usr/bin/chromedriver");
    static final Path AXE = Path.of("src/test/browser/node_modules/axe-core/axe.min.js");
    static final Path OUT = Path.of("target/pages");

    private static final List<String> DOSE_DATES = List.of("2026-12-07", "2026-12-09", "2026-12-11", "2026-12-14",
            "2026-12-16", "2026-12-18", "2026-12-21", "2026-12-23");

    private ChromeDriver driver;
    private WebDriverWait wait;
    private Path downloads;

    @BeforeAll
    void startBrowser() throws IOException {
        assertThat(new File(CHROMIUM).canExecute()).as("Debian's chromium (apt-get install chromium; .ci/run does)").isTrue();
        assertThat(new File(CHROMEDRIVER).canExecute()).as("Debian's chromedriver (apt-get install chromium-driver)").isTrue();
        Files.createDirectories(OUT);
        downloads = Files.createDirectories(OUT.resolve("downloads").toAbsolutePath());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // Without the networking flags chromium keeps calling hosts this machine cannot reach.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,1000", "--lang=en-GB",
                "--user-data-dir=" + Files.createTempDirectory("il7cds-chromium"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @AfterAll
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    // ------------------------------------------------------------------------------------------- pages

    @Test
    @Order(1)
    void theHomePageTakesTheApiKeyForThisTabAndShowsTheRulesVersion() throws IOException {
        open("/");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("rhIL-7 eligibility and dosing");
        driver.findElement(By.id("api-key")).sendKeys(TestKeys.PHARMACIST.key());
        driver.findElement(By.id("use-key")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules-version"), "sha256:"));
        assertThat(driver.findElement(By.id("key-status")).getText()).contains("this browser tab only");
        assertThat(js("return sessionStorage.getItem('il7cds.authorization')"))
                .isEqualTo(TestKeys.PHARMACIST.authorization());
        assertAccessible("home");
        screenshot("home");
    }

    @Test
    @Order(2)
    void anEligibleCandidateEnteredInTheFormIsEligibleWithEveryCriterionMet() throws IOException {
        open("/screening");
        type("pseudonymId", "CAND-PAGE-1");
        date("asOf", "2026-11-26");
        date("birthDate", "1986-11-26");
        select("sex", "Male");
        select("pregnant", "No");
        select("breastfeeding", "No");
        lab("cd4", "250", "2026-11-19");
        select("rna-kind", "below (<) a limit");
        lab("rna", "20", "2026-11-19");
        lab("neutrophils", "2000", "2026-11-19");
        lab("haemoglobin", "13.5", "2026-11-19");
        lab("platelets", "220", "2026-11-19");
        lab("creatinine", "0.9", "2026-11-19");
        type("creatinine-uln", "1.2");
        date("art-start", "2023-11-26");
        date("art-change", "2025-11-26");
        type("art-drugs", "dolutegravir, lamivudine, abacavir");
        select("priorInterleukinTherapy", "No");
        select("activeOpportunisticInfection", "No");
        select("malignancy", "None");
        driver.findElement(By.id("assess")).click();

        String summary = verdictSummary();
        assertThat(summary).startsWith("ELIGIBLE CAND-PAGE-1 is eligible for levy-2009 as of 2026-11-26: all 14"
                + " criteria are met.");
        List<WebElement> rows = driver.findElements(By.cssSelector("#criteria tbody tr"));
        assertThat(rows).hasSize(14);
        assertThat(rows).extracting(r -> r.findElement(By.cssSelector(".status")).getText()).containsOnly("Met");
        assertThat(driver.findElement(By.id("provenance")).getText()).contains("Rules version", "sha256:");
        assertAccessible("screening (eligible)");
        screenshot("screening-eligible");
    }

    @Test
    @Order(3)
    void anIncompleteCandidateIsIncompleteAndEachUnknownSaysWhatWouldSettleIt() throws IOException {
        open("/screening");
        type("pseudonymId", "CAND-PAGE-2");
        date("asOf", "2026-11-26");
        type("ageYears", "40");
        lab("cd4", "250", "2026-11-19");
        driver.findElement(By.id("assess")).click();

        String summary = verdictSummary();
        assertThat(summary).startsWith("INCOMPLETE CAND-PAGE-2 is not yet decidable (incomplete) for levy-2009 as of"
                + " 2026-11-26: none failed, but ");
        List<WebElement> unknown = driver.findElements(By.cssSelector("#criteria tbody tr.status-unknown"));
        assertThat(unknown).isNotEmpty().allSatisfy(r -> assertThat(r.findElements(By.tagName("td")).get(4).getText())
                .as("what would settle it").isNotBlank());
        WebElement cd4 = driver.findElements(By.cssSelector("#criteria tbody tr")).stream()
                .filter(r -> r.getText().startsWith("CD4")).findFirst().orElseThrow();
        assertThat(cd4.getText()).contains("Met", "250 cells/uL", "2026-11-19", "100–400");
        screenshot("screening-incomplete");
    }

    @Test
    @Order(4)
    void aPharmacistPlansACalendarDownloadsItAndPrintsTheA4PreparationSheet() throws Exception {
        open("/pharmacy");
        setValue("candidate", Bodies.toJson(Bodies.eligibleCandidate("CAND-PAGE-3")));
        new Select(driver.findElement(By.id("doseLevel"))).selectByValue("10");
        type("weightKg", "70.5");
        date("weightMeasuredOn", "2026-11-24");
        date("asOf", "2026-11-26");
        date("firstInjectionDate", "2026-12-07");
        type("concentration", "2000");
        type("vialSize", "1000");
        driver.findElement(By.id("plan")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
        List<WebElement> doses = driver.findElements(By.cssSelector("#doses tbody tr"));
        assertThat(doses).hasSize(8);
        assertThat(doses).extracting(r -> r.findElements(By.cssSelector("th, td")).get(1).getText())
                .containsExactlyElementsOf(DOSE_DATES);
        // 70.5 kg x 10 µg/kg = 705 µg ordered; 705 / 2000 µg/mL = 0.3525 mL, drawn as 0.35 mL = 700 µg delivered.
        assertThat(doses.get(0).getText()).contains("705", "700", "0.35");
        assertThat(driver.findElement(By.id("summary")).getText()).contains("8 doses", "CAND-PAGE-3",
                "5640 µg ordered", "5600 µg delivered in 2.80 mL", "8 vials of 1000 µg");
        assertThat(driver.findElements(By.cssSelector("#visits tbody tr"))).isNotEmpty();
        assertAccessible("pharmacy");
        screenshot("pharmacy");

        driver.findElement(By.id("download-ics")).click();
        Path ics = awaitDownload(".ics");
        net.fortuna.ical4j.model.Calendar calendar = new CalendarBuilder()
                .build(new StringReader(Files.readString(ics, StandardCharsets.UTF_8)));
        List<String> summaries = calendar.getComponents(Component.VEVENT).stream()
                .map(e -> e.getProperty(Property.SUMMARY).orElseThrow().getValue()).toList();
        assertThat(summaries).filteredOn(s -> s.contains("dose")).hasSize(8)
                .allSatisfy(s -> assertThat(s).startsWith("CAND-PAGE-3: rhIL-7 dose"));
        assertThat(summaries).filteredOn(s -> s.contains("monitoring")).isNotEmpty();
        driver.findElement(By.id("download-csv")).click();
        assertThat(Files.readString(awaitDownload(".csv"))).contains("COURSE_TOTAL", "CAND-PAGE-3");

        PrintOptions print = new PrintOptions();
        print.setPageSize(new PageSize(29.7, 21.0)); // A4, in cm
        print.setBackground(true);
        Path pdf = OUT.resolve("preparation-sheet.pdf");
        Files.write(pdf, Base64.getDecoder().decode(((PrintsPage) driver).print(print).getContent()));
        String text = run("pdftotext", "-layout", pdf.toString(), "-");
        assertThat(text).contains("rhIL-7 preparation sheet", "CAND-PAGE-3", "levy-2009", "10 µg/kg",
                "70.5 kg, weighed on 2026-11-24", "5640 µg in 8 doses", "5600 µg in 2.80 mL", "8 vials of 1000 µg",
                "Prepared by", "Checked by", "sha256:");
        assertThat(DOSE_DATES).allSatisfy(d -> assertThat(text).contains(d));
        assertThat(text).doesNotContain("Plan the calendar", "Your credential", "Download");
        assertThat(run("pdfinfo", pdf.toString())).containsPattern("Pages:\\s+1\\b").contains("(A4)");
    }

    @Test
    @Order(5)
    void noPageLoggedAnErrorOrAContentSecurityPolicyViolation() {
        List<String> severe = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                severe.add(e.getMessage());
            }
        }
        assertThat(severe).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ helpers

    private void open(String path) {
        driver.get("http://127.0.0.1:" + port + path);
        wait.until(d -> "complete".equals(js("return document.readyState")));
        // module scripts run after the document is parsed: wait for the credential panel they draw
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("credential-heading")));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private void type(String id, String text) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    /** Date inputs take their value in the browser's locale format when typed; set as ISO, as a picker would. */
    private void date(String id, String iso) {
        setValue(id, iso);
    }

    private void setValue(String id, String value) {
        js("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                + " e.dispatchEvent(new Event('input', {bubbles: true}));", id, value);
    }

    private void select(String id, String visibleText) {
        new Select(driver.findElement(By.id(id))).selectByVisibleText(visibleText);
    }

    private void lab(String prefix, String value, String sampleDate) {
        type(prefix + "-value", value);
        date(prefix + "-date", sampleDate);
    }

    private String verdictSummary() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
        return driver.findElement(By.id("summary")).getText();
    }

    /** Runs axe-core in the page: no serious or critical violation. */
    private void assertAccessible(String page) throws IOException {
        assertThat(AXE).as("axe-core (npm; .ci/run installs it into src/test/browser)").exists();
        js(Files.readString(AXE));
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations.map("
                + "v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))),"
                + " e => done('error: ' + e));");
        assertThat(String.valueOf(result)).as(page).doesNotStartWith("error");
        JsonNode violations = JSON.readTree(String.valueOf(result));
        List<String> serious = new ArrayList<>();
        for (JsonNode v : violations) {
            String impact = v.path("impact").asString();
            if (impact.equals("serious") || impact.equals("critical")) {
                serious.add(impact + " " + v.path("id").asString() + ": " + v.path("help").asString() + " at "
                        + v.path("nodes"));
            }
        }
        Files.writeString(OUT.resolve("axe-" + page.replaceAll("[^a-z]+", "-") + ".json"), violations.toString());
        assertThat(serious).as("axe-core on " + page).isEmpty();
    }

    /** The whole page, not only the window: the window is made as tall as the document first. */
    private void screenshot(String name) throws IOException {
        Dimension before = driver.manage().window().getSize();
        long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(height + 150, 6000)));
        Files.write(OUT.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(before);
    }

    private Path awaitDownload(String extension) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (var files = Files.list(downloads)) {
                var done = files.filter(f -> f.toString().endsWith(extension)).findFirst();
                if (done.isPresent()) {
                    return done.get();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + extension + " file downloaded into " + downloads);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
