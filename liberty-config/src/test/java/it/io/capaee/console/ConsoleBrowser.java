// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.console;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
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
 * Debian's headless Chromium, driven through its chromedriver, with a fresh profile and nothing that reaches
 * outside the machine: the console of one server, its pages, its browser log and screenshots.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path profile;
    final String base;

    ConsoleBrowser(String base) throws Exception {
        this.base = base;
        this.profile = Files.createTempDirectory("capa-console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("it.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1400,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // the driver named here: Selenium Manager, which would look for one on the network, is not used
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("it.chromedriver", "/usr/bin/chromedriver")))
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1400, 1000));
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens the console at page {@code name} and waits until the page has been filled from the APIs. */
    void open(String name) {
        driver.get(base + "/console/#" + name);
        awaitLoaded(name);
    }

    void awaitLoaded(String name) {
        try {
            await(d -> name.equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page " + name + " was not filled; the console says: "
                    + find(By.id("message")).getText() + "; browser errors: " + errors(), e);
        }
    }

    <T> T await(Function<WebDriver, T> condition) {
        // the pages are filled again every few seconds: an element found may be replaced before it is read
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(200)).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** Clicks what {@code by} finds, again if the page was filled anew between finding and clicking. */
    void click(By by) {
        await(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    /** The text of what {@code by} finds, read again if the page was filled anew meanwhile. */
    String text(By by) {
        return await(d -> d.findElement(by).getText());
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The browser log's errors since the last call (Chromium's SEVERE: script errors, failed requests). */
    List<String> errors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::toString).toList();
    }

    /** Saves what the window shows as {@code target/console-screenshots/<name>.png}. */
    Path screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name + ".png");
        // the whole page, not just the window: as tall as the page (at most 3000 pixels) for the picture
        long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(1400, (int) Math.min(3000, Math.max(1000, height + 120))));
        try {
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            driver.manage().window().setSize(new Dimension(1400, 1000));
        }
        return target;
    }

    /** The console's pages, by the fragment that opens each. */
    static List<String> pages() {
        return List.of("overview", "functions", "registry", "proxy", "actors", "bindings", "components");
    }

    @Override
    public void close() throws Exception {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
