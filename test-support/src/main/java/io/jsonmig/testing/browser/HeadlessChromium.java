package io.jsonmig.testing.browser;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Debian {@code chromium} with its driver, headless, with a profile of its own, for the tests of jsonmig's
 * pages. Skips the test when Chromium or its driver is not installed, unless {@code JSONMIG_REQUIRE_BROWSER=true}
 * (CI), which fails it. Screenshots go to {@code target/screenshots}; the browser's console is printed on close.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("JSONMIG_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("JSONMIG_CHROMEDRIVER",
            "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** A phone's viewport (CSS pixels): the narrowest width the pages are laid out for. */
    public static final Dimension PHONE = new Dimension(390, 844);

    private final Path profile;
    private final WebDriver driver;

    private HeadlessChromium(Path profile, WebDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    public static HeadlessChromium start() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            String missing = "headless Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install chromium chromium-driver";
            if (Boolean.parseBoolean(System.getenv("JSONMIG_REQUIRE_BROWSER"))) {
                fail(missing + "; JSONMIG_REQUIRE_BROWSER=true requires it");
            }
            assumeTrue(false, missing + "; skipping the browser test");
        }
        Path profile = Files.createTempDirectory("jsonmig-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-dev-shm-usage",
                        "--user-data-dir=" + profile, "--window-size=1280,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(profile, new ChromeDriver(service, options));
    }

    /**
     * Sends {@code Authorization: <authorization>} with every request the pages make (navigation, scripts, event
     * streams), as a logged-in viewer's browser would, through the DevTools protocol.
     */
    public HeadlessChromium authorized(String authorization) {
        ChromeDriver chrome = (ChromeDriver) driver;
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", authorization)));
        return this;
    }

    public WebDriver driver() {
        return driver;
    }

    public WebDriverWait waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    /** Resizes the window to a {@link #PHONE}'s and waits until the page is laid out at that width. */
    public void resizeToAPhone(Duration timeout) {
        driver.manage().window().setSize(PHONE);
        waiting(timeout).until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return window.innerWidth <= arguments[0];", PHONE.getWidth()));
    }

    /** Whether the page fits the window's width: nothing sticks out sideways, there is no horizontal scroll. */
    public boolean fitsTheWidth() {
        return (Boolean) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;");
    }

    /** The widest elements sticking out of the window, for a failure's message. */
    public Object overflowing() {
        return ((JavascriptExecutor) driver).executeScript("""
                return Array.from(document.querySelectorAll('body *'))
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                        + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
                        + ' right=' + Math.round(e.getBoundingClientRect().right));""");
    }

    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.manage().logs().get(LogType.BROWSER).forEach(entry -> System.out.println("chromium console: " + entry));
        } finally {
            driver.quit();
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
