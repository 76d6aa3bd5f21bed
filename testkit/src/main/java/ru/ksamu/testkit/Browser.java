package ru.ksamu.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.opentest4j.TestAbortedException;

/**
 * A real headless Chromium driven by Selenium, from Debian's {@code chromium} and
 * {@code chromium-driver} packages (override with KSAMU_TEST_CHROMIUM / KSAMU_TEST_CHROMEDRIVER).
 * As a JUnit extension it guards a test class: with {@code CI=true} a missing browser fails it;
 * elsewhere the class is skipped with a loud message.
 */
public final class Browser implements BeforeAllCallback {

    static final String CHROMIUM = env("KSAMU_TEST_CHROMIUM", "/usr/bin/chromium");
    static final String DRIVER = env("KSAMU_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");

    @Override
    public void beforeAll(ExtensionContext context) {
        requireAvailable();
    }

    public static void requireAvailable() {
        if (Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(DRIVER))) {
            return;
        }
        String msg = "Chromium (" + CHROMIUM + ") or ChromeDriver (" + DRIVER + ") is missing";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(msg + "; with CI=true the browser tests are mandatory. "
                    + "Install them: apt-get install -y chromium chromium-driver");
        }
        System.err.println("\n!!!!!!!!!! SKIPPING BROWSER TESTS: " + msg + " !!!!!!!!!!\n");
        throw new TestAbortedException(msg);
    }

    /** A new headless browser with a 1366×768 window, a fresh profile and no background traffic. */
    public static WebDriver start() {
        requireAvailable();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1366,768", "--lang=ru-RU");
        try {
            o.addArguments("--user-data-dir=" + Files.createTempDirectory("ksamu-chromium"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(DRIVER).toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, o);
    }

    /** Saves a PNG of the current page. */
    public static void screenshot(WebDriver driver, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot save the screenshot " + file, e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
