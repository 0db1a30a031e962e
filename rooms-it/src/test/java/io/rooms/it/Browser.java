package io.rooms.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium window, driven by the system's chromedriver (never Selenium Manager), with a
 * fresh profile. Each is a separate browser, like a separate person.
 */
final class Browser implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    final WebDriver driver;
    private final Path profile;

    private Browser(String... extraArguments) throws IOException {
        profile = Files.createTempDirectory("rooms-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(io.rooms.testing.Executables.find("ROOMS_CHROMIUM", "chromium", "chromium", "chromium-browser",
                "google-chrome").toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        options.addArguments(extraArguments);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // One chromedriver per browser: quitting a session also stops its driver service.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(io.rooms.testing.Executables.find("ROOMS_CHROMEDRIVER", "chromium-driver",
                        "chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    /** A browser, with Chromium's own {@code extraArguments} such as {@code --ignore-certificate-errors}. */
    static Browser open(String... extraArguments) {
        try {
            return new Browser(extraArguments);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Browser go(String url) {
        driver.get(url);
        return this;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits, bounded, for the page's #status to read {@code text}. */
    void awaitStatus(String text) {
        waiting().withMessage(() -> "#status was '" + find("#status").getText() + "'")
                .until(d -> text.equals(find("#status").getText()));
    }

    void await(String what, java.util.function.BooleanSupplier condition) {
        waiting().withMessage(() -> what).until(d -> condition.getAsBoolean());
    }

    /**
     * A bounded wait that reads an element the page replaced while it was being read (the dashboard
     * renders its table again on every refresh) as "not yet", and looks again.
     */
    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Saves a screenshot as build output, under target/screenshots. */
    void screenshot(String name) {
        Path dir = Path.of(System.getProperty("rooms.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every console entry read so far. Chromium hands each entry out once, so both {@link #console}
     * and {@link #consoleErrors} read through here: neither may swallow what the other must see.
     */
    private final List<LogEntry> entries = new java.util.ArrayList<>();
    /** How many of {@link #entries} {@link #consoleErrors} has looked at already. */
    private int errorsLookedAt;

    private List<LogEntry> entries() {
        entries.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        return entries;
    }

    /**
     * Every console message so far, in order, as Chromium reports them: the page's URL and line,
     * then each argument of {@code console.log} (strings quoted).
     */
    List<String> console() {
        return entries().stream().map(LogEntry::getMessage).toList();
    }

    /** Sizes the window's viewport, as a desktop (1280 by 800) or a phone (375 by 740) would have it. */
    Browser viewport(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
        // The window's frame takes some of it: grow until the page itself is that wide and high.
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) driver;
        long innerWidth = (Long) js.executeScript("return window.innerWidth;");
        long innerHeight = (Long) js.executeScript("return window.innerHeight;");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(
                (int) (2L * width - innerWidth), (int) (2L * height - innerHeight)));
        return this;
    }

    /** How many CSS pixels the page is wider than its viewport: 0 when nothing scrolls sideways. */
    long horizontalOverflow() {
        return (Long) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth);");
    }

    /**
     * Runs axe-core (from the npm registry, see rooms-it's pom) on the page as it is now, and returns
     * its serious and critical violations, each as "rule: nodes".
     */
    @SuppressWarnings("unchecked")
    List<String> accessibilityViolations() {
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) driver;
        try {
            js.executeScript(Files.readString(Path.of(System.getProperty("rooms.axe", "target/axe/node_modules/axe-core/axe.min.js"))));
        } catch (IOException e) {
            throw new IllegalStateException("axe-core is missing: mvn verify installs it from the npm registry", e);
        }
        List<Object> found = (List<Object>) ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations"
                + "  .filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + "  .map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(', '))),"
                + "  e => done(['axe failed: ' + e]));");
        return found.stream().map(String::valueOf).toList();
    }

    /** Console entries at SEVERE level (script errors, failed loads) since the last call. */
    List<LogEntry> consoleErrors() {
        List<LogEntry> all = entries();
        List<LogEntry> fresh = all.subList(errorsLookedAt, all.size()).stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        errorsLookedAt = all.size();
        return fresh;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
