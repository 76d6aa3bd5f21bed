package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.testkit.Browser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import ru.ksamu.testkit.TestAdmin;

/**
 * The countdown banner in a real headless Chromium, driven by a real major release from a real hub:
 * a countdown that starts while a tab is open shows on it without a reload, ticks, shows on every
 * tab, offers "Отменить обновление" only to the signed-in admin, and the admin's cancel ends it with
 * nothing installed. Saves {@code banner.png} and the Обновление tab (see ConsoleBrowserIT for where
 * screenshots go).
 */
@ExtendWith(Browser.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleCountdownBrowserIT {

    static final Path SHOTS = "docs".equals(System.getProperty("ksamu.screenshots"))
            ? Path.of("..", "docs", "screenshots") : Path.of("target", "screenshots");

    Vendor vendor;
    ConfigurableApplicationContext server;
    WebDriver browser;
    WebDriverWait wait;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("ksamu-e2e-banner");
        vendor = new Vendor(dir, List.of());
        server = ServerApplication.builder().run("--ksamu.port=0", "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD, "--ksamu.data-dir=" + dir.resolve("server"),
                "--ksamu.update.hub-url=" + vendor.hubUrl, "--ksamu.update.release-keys=" + vendor.releasePub(),
                "--ksamu.update.hub-keys=" + vendor.hubPub(), "--ksamu.update.countdown=2m");
        vendor.release(vendor.source("1.0.0.1", Map.of(
                "scripts/V1_0_0__patients.sql", "CREATE TABLE patient (id INT PRIMARY KEY, full_name VARCHAR(200));\n",
                "client/ksamu-client.txt", "клиент 1.0.0.1\n")), "1.0.0.1", "Первый выпуск", "test");
        E2e.awaitRun(server, startTestUpdate(), Duration.ofSeconds(60));
        assertThat(update().path("installedVersion").asString()).isEqualTo("1.0.0.1");
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (vendor != null) {
            vendor.close();
        }
    }

    @Test
    void theCountdownShowsOnAnOpenTabTicksOnEveryTabAndTheAdminCancelsIt() throws Exception {
        browser.get(url("/tasks"));
        assertThat(browser.findElements(By.id("update-banner"))).isEmpty();

        vendor.release(vendor.source("1.1.0.1", Map.of(
                "scripts/V1_1_0__phone.sql", "ALTER TABLE patient ADD phone VARCHAR(20);\n",
                "client/ksamu-client.txt", "клиент 1.1.0.1\n")), "1.1.0.1", "Телефон пациента", "test");
        long run = startTestUpdate();

        // the open tab learns of the countdown by itself (htmx re-reads the banner), no reload
        WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("update-banner")));
        assertThat(banner.getAttribute("data-phase")).isEqualTo("COUNTDOWN");
        assertThat(banner.getText()).contains("1.1.0.1");
        String first = wait.until(d -> {
            String left = d.findElement(By.cssSelector("#update-banner .countdown-left")).getText();
            return left.matches("[12]:\\d\\d") ? left : null;
        });
        wait.until(d -> !first.equals(d.findElement(By.cssSelector("#update-banner .countdown-left")).getText()));
        // anonymous viewers see the countdown but cannot cancel it
        assertThat(browser.findElements(By.id("cancel-countdown"))).isEmpty();
        for (String tab : List.of("/", "/threads", "/logs", "/clients", "/settings")) {
            browser.get(url(tab));
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("update-banner"))).getText())
                    .as(tab).contains("1.1.0.1");
        }

        browser.get(url("/login"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password"))).sendKeys(TestAdmin.PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlToBe(url("/")));
        // a second "Выполнить обновление из тестового репозитория" queues nothing and says why
        browser.get(url("/maintenance"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("test-update"))).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.error"))).getText())
                .startsWith("Обновление уже выполняется");
        browser.get(url("/update"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cancel-countdown")));
        Browser.screenshot(browser, SHOTS.resolve("banner.png"));
        browser.findElement(By.id("cancel-countdown")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.ok"))).getText())
                .contains("Обратный отсчёт отменяется");
        // until the run ends the banner agrees: no time left, no cancel button
        browser.findElements(By.id("update-banner")).forEach(b -> assertThat(b.getText()).doesNotContain("Осталось"));

        E2e.awaitRun(server, run, Duration.ofSeconds(60));
        assertThat(update().path("installedVersion").asString()).isEqualTo("1.0.0.1");
        assertThat(update().path("jobs").path(0).path("state").asString()).isEqualTo("CANCELLED");
        browser.get(url("/update"));
        assertThat(browser.findElements(By.id("update-banner"))).isEmpty();
        shootTheUpdateTab();
    }

    /**
     * Обновление as a clinic sees it after real work: 1.0.0.1 installed from the cloud, a major
     * 1.1.0.1 offered and cancelled by the admin, the feed checked; in both languages at both widths
     * (the server's ConsoleScreenshotsBrowserIT shoots the other tabs, where no release can be installed).
     */
    void shootTheUpdateTab() {
        browser.findElement(By.id("check-updates")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.ok")));
        assertThat(browser.findElement(By.id("installed-version")).getText()).isEqualTo("1.0.0.1");
        assertThat(browser.findElement(By.id("update-jobs")).getText()).contains("1.1.0.1", "1.0.0.1");
        for (String lang : List.of("ru", "en")) {
            browser.get(url("/update?lang=" + lang));
            for (int width : List.of(1024, 1366)) {
                browser.manage().window().setSize(new Dimension(width, 800));
                browser.get(url("/update"));
                String journal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("update-jobs"))).getText();
                assertThat(journal).as(lang).contains(lang.equals("ru") ? "отменено" : "cancelled",
                        lang.equals("ru") ? "тестовый" : "test");
                assertThat(browser.findElement(By.id("channels")).getText()).as(lang).contains(lang.equals("ru")
                        ? List.of("Доступна версия 1.1.0.1", "В канале нет релизов для этого сервера")
                        : List.of("Version 1.1.0.1 is available", "The channel has no release for this server"));
                Browser.screenshot(browser, SHOTS.resolve("update-" + lang + "-" + width + ".png"));
            }
        }
        browser.get(url("/update?lang=ru"));
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port") + path;
    }

    JsonNode update() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/update"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JsonMapper.shared().readTree(r.body());
    }

    long startTestUpdate() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/update/test")))
                .header("Authorization", TestAdmin.basic())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JsonMapper.shared().readTree(r.body()).get("runId").asLong();
    }
}
