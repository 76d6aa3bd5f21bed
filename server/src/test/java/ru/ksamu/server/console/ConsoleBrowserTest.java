package ru.ksamu.server.console;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import ru.ksamu.testkit.Browser;

/**
 * What every browser test of the console shares: one headless Chromium per class, the server's
 * address, waiting for an element, signing in, reading a banner. Subclasses bring their own
 * {@code @SpringBootTest} (settings, databases).
 */
@ExtendWith(Browser.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsoleBrowserTest {

    @LocalServerPort
    int port;
    WebDriver browser;
    WebDriverWait wait;

    @BeforeAll
    void open() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    WebElement byId(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    /** The sign-in form with this password (what follows is the caller's to check). */
    void login(String password) {
        browser.get(url("/login"));
        byId("password").sendKeys(password);
        byId("login-submit").click();
    }

    /** The text of the page's {@code .banner.<kind>} (ok, warn, error) once it shows. */
    String banner(String kind) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner." + kind))).getText();
    }
}
