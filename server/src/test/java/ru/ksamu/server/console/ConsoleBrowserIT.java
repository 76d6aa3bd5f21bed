package ru.ksamu.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.schedule.Periodicity;
import ru.ksamu.schedule.Schedule;
import ru.ksamu.schedule.ScheduleFormats;
import ru.ksamu.server.ServerOnH2;
import ru.ksamu.testkit.Browser;
import ru.ksamu.testkit.TestAdmin;

/**
 * The console in a real headless Chromium: sign-in, the task table and editor, execute now, the
 * thread manager, the logs, stop all. Saves a screenshot of each tab to target/screenshots/; only
 * the first sign-in's form goes to docs/screenshots/ with {@code -Dksamu.screenshots=docs} (the
 * tabs of the README come from {@link ConsoleScreenshotsBrowserIT}, with a clinic's data).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ContextConfiguration(initializers = ServerOnH2.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ksamu-server", "ksamu.port=0", "ksamu.data-dir=target/it-data",
                TestAdmin.SETTING + "="})
class ConsoleBrowserIT extends ConsoleBrowserTest {

    static final Path SHOTS = Path.of("target", "screenshots");
    static final Path DOC_SHOTS = "docs".equals(System.getProperty("ksamu.screenshots"))
            ? Path.of("..", "docs", "screenshots") : SHOTS;
    static final String TASK = "Обновление из браузера";

    @Test
    @Order(1)
    void homeIsRussianAndWarnsAboutTheDefaultPassword() {
        browser.get(url("/"));
        assertThat(browser.getTitle()).contains("Сервер КСАМУ");
        assertThat(byId("installed-version").getText()).isEqualTo("не установлена");
        assertThat(byId("default-password-banner").getText()).contains("не изменён");
        Browser.screenshot(browser, SHOTS.resolve("home.png"));
    }

    @Test
    @Order(2)
    void wrongPasswordIsRefused() {
        login("не-тот-пароль");
        assertThat(byId("login-error").getText()).isEqualTo("Неверный пароль");
    }

    @Test
    @Order(3)
    void theDefaultPasswordSignsInOnceAndMustBeReplacedBeforeAnythingElse() throws Exception {
        login("admin");
        wait.until(ExpectedConditions.urlToBe(url("/password")));
        assertThat(byId("password-why").getText()).contains("паролем по умолчанию");
        Browser.screenshot(browser, DOC_SHOTS.resolve("first-password.png"));
        // every other page leads back to the form, and the API takes no write with the default password
        browser.get(url("/tasks/new"));
        wait.until(ExpectedConditions.urlToBe(url("/password")));
        assertThat(post("/api/v1/threads/stop-all", TestAdmin.basic("admin"))).isEqualTo(403);
        assertThat(status("/api/v1/tasks", TestAdmin.basic("admin"))).isEqualTo(200);
        byId("current").sendKeys("admin");
        byId("next").sendKeys("короткий");
        byId("repeat").sendKeys("другой");
        byId("first-password-submit").click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.error"))).getText())
                .contains("не совпадают");
        byId("current").sendKeys("admin");
        byId("next").sendKeys(TestAdmin.PASSWORD);
        byId("repeat").sendKeys(TestAdmin.PASSWORD);
        byId("first-password-submit").click();
        wait.until(ExpectedConditions.urlToBe(url("/")));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.ok"))).getText())
                .contains("Пароль администратора изменён");
        assertThat(browser.findElements(By.id("default-password-banner"))).isEmpty();
        assertThat(post("/api/v1/threads/stop-all", TestAdmin.basic("admin"))).isEqualTo(401);
        assertThat(post("/api/v1/threads/stop-all", TestAdmin.basic())).isEqualTo(200);
    }

    @Test
    @Order(4)
    void adminCreatesATaskWithAForbiddenWindowAndSeesItsNearestStart() {
        browser.get(url("/"));
        browser.get(url("/tasks/new"));
        byId("task-form");
        browser.findElement(By.name("name")).sendKeys(TASK);
        WebElement start = browser.findElement(By.name("start"));
        start.clear();
        start.sendKeys("01.01.2016 0:08:00");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("periodicity"))).selectByValue("MINUTES_30");
        browser.findElement(By.name("forbiddenFrom")).sendKeys("06:00");
        browser.findElement(By.name("forbiddenTo")).sendKeys("21:00");
        byId("save").click();
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#tasks tr[data-name='" + TASK + "']")));
        Schedule model = Schedule.of("LOG_TRIM", TASK, LocalDateTime.of(2016, 1, 1, 0, 8), Periodicity.MINUTES_30)
                .withForbiddenWindow(LocalTime.of(6, 0), LocalTime.of(21, 0));
        String expected = ScheduleFormats.formatDateTime(model.nearestStart(ZonedDateTime.now()).orElseThrow().toLocalDateTime());
        assertThat(row.findElement(By.cssSelector("td.nearest")).getText()).isEqualTo(expected);
        assertThat(row.getText()).contains("Каждые 30 минут").contains("6:00:00").contains("21:00:00");
        Browser.screenshot(browser, SHOTS.resolve("tasks.png"));
    }

    @Test
    @Order(5)
    void badInputNamesEachField() {
        browser.get(url("/tasks/new"));
        WebElement start = byId("task-form").findElement(By.name("start"));
        start.clear();
        start.sendKeys("31.02.2024 25:00");
        browser.findElement(By.name("forbiddenFrom")).sendKeys("6 утра");
        browser.findElement(By.name("forbiddenTo")).sendKeys("21:00");
        byId("save").click();
        assertThat(byId("error-name").getText()).isNotBlank();
        assertThat(byId("error-start").getText()).isNotBlank();
        assertThat(byId("error-window").getText()).isNotBlank();
        // each error is tied to its field for screen readers, and the input is kept
        assertThat(browser.findElement(By.name("start")).getAttribute("aria-describedby")).isEqualTo("error-start");
        assertThat(browser.findElement(By.name("start")).getAttribute("value")).isEqualTo("31.02.2024 25:00");
        assertThat(browser.findElement(By.name("name")).getAttribute("aria-describedby")).isEqualTo("error-name");
        assertThat(browser.findElement(By.name("forbiddenFrom")).getAttribute("aria-describedby")).isEqualTo("error-window");
        Browser.screenshot(browser, SHOTS.resolve("task-editor.png"));
    }

    @Test
    @Order(6)
    void executeNowShowsTheRunInTheThreadManagerAndTheLogs() {
        browser.get(url("/tasks"));
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#tasks tr[data-name='" + TASK + "']")));
        row.findElement(By.cssSelector("button.run")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.ok"))).getText())
                .contains("Задание «" + TASK + "» запущено");
        browser.get(url("/threads"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("threads"), TASK));
        assertThat(byId("threads").getText()).contains("вручную").contains("admin");
        Browser.screenshot(browser, SHOTS.resolve("threads.png"));
        browser.get(url("/logs"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "Задание «" + TASK + "» начато"));
        Browser.screenshot(browser, SHOTS.resolve("logs.png"));
    }

    @Test
    @Order(7)
    void liveLogShowsNewEntriesWithoutReload() {
        browser.get(url("/logs"));
        byId("live-log");
        browser.get(url("/tasks"));
        browser.get(url("/logs"));
        WebElement live = byId("live-log");
        // a run started from another tab appears in the live tail of this one
        String handle = browser.getWindowHandle();
        browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        browser.get(url("/tasks"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#tasks tr[data-name='" + TASK + "'] button.run")))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.ok")));
        browser.close();
        browser.switchTo().window(handle);
        wait.until(ExpectedConditions.textToBePresentInElement(live, "завершено"));
    }

    @Test
    @Order(8)
    void stopAllFromTheMaintenanceTab() {
        browser.get(url("/maintenance"));
        byId("stop-all").click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.ok"))).getText())
                .contains("Остановка выполняемых задач");
        browser.get(url("/settings"));
        Browser.screenshot(browser, SHOTS.resolve("settings.png"));
    }

    @Test
    @Order(9)
    void theTestUpdateStartsFromTheMaintenanceTabAndTheClientsTabShowsWhoIsConnected() {
        browser.get(url("/maintenance"));
        byId("test-update").click();
        // No hub keys are pinned in this test server: the run ends with a clear reason in its log.
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.ok"))).getText())
                .contains("Обновление из тестового репозитория запущено");
        browser.get(url("/clients"));
        assertThat(byId("no-clients").getText()).contains("нет подключённых клиентов");
        Browser.screenshot(browser, SHOTS.resolve("clients.png"));
        // The run fails fast and says why: the test channel's outcome names the missing keys.
        browser.get(url("/update"));
        wait.until(d -> {
            d.navigate().refresh();
            return d.findElement(By.id("channels")).getText().contains("не заданы доверенные ключи");
        });
        Browser.screenshot(browser, SHOTS.resolve("update.png"));
        // and the Логи tab tells the same in the update run's own log
        browser.get(url("/logs"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "обновление из тестового репозитория"));
        assertThat(byId("log").getText()).contains("не заданы доверенные ключи");
    }

    @Test
    @Order(10)
    void theCloudSettingsAreCheckedLikeTheConfigurationAndKept() {
        browser.get(url("/settings"));
        WebElement region = browser.findElement(By.cssSelector("#cloud-form input[name=region]"));
        region.clear();
        region.sendKeys("9x");
        browser.findElement(By.cssSelector("#cloud-form button")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.error"))).getText())
                .contains("Настройки облака не сохранены");
        assertThat(byId("error-region").getText()).contains("«9x»").contains("ksamu.update.region").contains("цифры");
        assertThat(byId("region").getAttribute("value")).as("the input is kept").isEqualTo("9x");
        assertThat(byId("region").getAttribute("aria-describedby")).isEqualTo("error-region");
        assertThat(browser.findElements(By.id("error-hubUrl"))).isEmpty();
        // in English the message is English, next to the field
        browser.get(url("/settings?lang=en"));
        WebElement hub = byId("hubUrl");
        hub.clear();
        hub.sendKeys("ftp://hub");
        browser.findElement(By.cssSelector("#cloud-form button")).click();
        assertThat(byId("error-hubUrl").getText()).isEqualTo("\"ftp://hub\": expected an http(s) URL (setting ksamu.update.hub-url)");
        assertThat(byId("hubUrl").getAttribute("value")).isEqualTo("ftp://hub");
        browser.get(url("/settings?lang=ru"));
        region = browser.findElement(By.cssSelector("#cloud-form input[name=region]"));
        region.clear();
        region.sendKeys("09");
        browser.findElement(By.cssSelector("#cloud-form button")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.ok"))).getText())
                .contains("регион 09");
        browser.get(url("/update"));
        assertThat(browser.getPageSource()).contains("09");
        browser.get(url("/settings"));
        Browser.screenshot(browser, SHOTS.resolve("settings.png"));
        region = browser.findElement(By.cssSelector("#cloud-form input[name=region]"));
        region.clear(); // back to the configuration's value for the other tests
        browser.findElement(By.cssSelector("#cloud-form button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.ok")));
    }

    @Test
    @Order(11)
    void theAdminCanCloseATabToAnonymousViewersAndTheClientApiStaysOpen() throws Exception {
        browser.get(url("/settings"));
        for (String area : java.util.List.of("TASKS", "LOGS")) {
            browser.findElement(By.cssSelector("#view-form input[value=" + area + "]")).click();
        }
        browser.findElement(By.cssSelector("#view-form button")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.ok"))).getText())
                .contains("Только после входа").contains("Задачи").contains("Логи");
        // the signed-in admin still sees both, the live log included
        browser.get(url("/logs"));
        byId("live-log");
        assertThat(status("/api/v1/tasks", false)).isEqualTo(401);
        assertThat(status("/api/v1/tasks", true)).isEqualTo(200);
        assertThat(status("/api/v1/threads", false)).isEqualTo(200);
        assertThat(status("/api/v1/client/manifest", false)).isNotEqualTo(401);

        WebElement logout = browser.findElement(By.cssSelector("form[action='/logout'] button"));
        logout.click();
        // The sign-out is a form post: wait for its page, or the next navigation may overtake it.
        wait.until(ExpectedConditions.stalenessOf(logout));
        wait.until(d -> d.findElements(By.cssSelector("form[action='/logout'] button")).isEmpty());
        browser.get(url("/tasks"));
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.get(url("/threads"));
        assertThat(byId("threads").isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector("nav a[href='/tasks']")).getAttribute("class")).contains("closed");
        assertThat(browser.findElement(By.cssSelector("nav a[href='/threads']")).getAttribute("class")).doesNotContain("closed");

        login(TestAdmin.PASSWORD);
        browser.get(url("/tasks"));
        byId("tasks");
        browser.get(url("/settings"));
        Browser.screenshot(browser, SHOTS.resolve("settings.png"));
        for (String area : java.util.List.of("TASKS", "LOGS")) {
            browser.findElement(By.cssSelector("#view-form input[value=" + area + "]")).click();
        }
        browser.findElement(By.cssSelector("#view-form button")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.ok"))).getText())
                .contains("Все вкладки открыты");
        assertThat(status("/api/v1/tasks", false)).isEqualTo(200);
    }

    @Test
    @Order(12)
    void theAdminRestoresTheMainBaseFromABackupWithTheCountdownAndCancelsIt() {
        browser.get(url("/tasks"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#tasks tr[data-name='Бэкап \"Главной базы\"'] button.run"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.ok")));
        wait.until(d -> {
            d.get(url("/maintenance"));
            return !d.findElements(By.id("restore-form")).isEmpty();
        });
        String file = browser.findElement(By.cssSelector("#restore-form input[name=file]:checked")).getAttribute("value");
        assertThat(file).matches("main-\\d{4}-\\d{2}-\\d{2}_\\d{6}\\.zip");
        byId("restore").click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.ok"))).getText())
                .contains("Восстановление из " + file + " запущено");
        WebElement banner = byId("update-banner");
        assertThat(banner.getAttribute("data-operation")).isEqualTo("RESTORE");
        assertThat(banner.getText()).contains("Восстановление из резервной копии " + file);
        browser.get(url("/maintenance"));
        assertThat(byId("cancel-countdown").getText()).isEqualTo("Отменить восстановление");
        Browser.screenshot(browser, SHOTS.resolve("maintenance.png"));
        byId("cancel-countdown").click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.ok"))).getText())
                .contains("Обратный отсчёт отменяется");
        // the banner says the same until the run ends, never "будет заблокирована … Осталось"
        browser.findElements(By.id("update-banner")).forEach(b -> assertThat(b.getText())
                .doesNotContain("Осталось").satisfiesAnyOf(t -> assertThat(t).contains("отменяется"), t -> assertThat(t).isEmpty()));
        wait.until(d -> {
            d.get(url("/maintenance"));
            return d.findElements(By.id("update-banner")).isEmpty();
        });
        browser.get(url("/logs"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "Восстановление отменено до блокировки"));
    }

    @Test
    @Order(13)
    void aCountdownStoppedWithStopAllShowsStoppedAndViewersStreamsAreNotListed() {
        wait.until(d -> {
            d.get(url("/maintenance"));
            return !d.findElements(By.id("restore-form")).isEmpty();
        });
        byId("restore").click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.ok")));
        // a live log open in another tab is a viewer's stream, not work: Менеджер потоков does not list it
        String handle = browser.getWindowHandle();
        browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        browser.get(url("/logs"));
        byId("live-log");
        String logs = browser.getWindowHandle();
        browser.switchTo().window(handle);
        browser.get(url("/threads"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("threads"), "блокировка БД через"));
        assertThat(byId("threads").getText()).doesNotContain("Живой журнал");
        browser.get(url("/maintenance"));
        byId("stop-all").click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.ok"))).getText())
                .startsWith("Остановка выполняемых задач: запрошена для 1 задачи");
        wait.until(d -> {
            d.get(url("/threads"));
            return d.findElements(By.cssSelector("#threads tr[data-state='STOPPED']")).stream()
                    .anyMatch(r -> r.getText().contains("остановлено"));
        });
        assertThat(byId("threads").getText()).doesNotContain("блокировка БД через").doesNotContain("Живой журнал")
                .contains("Обратный отсчёт отменён (admin)");
        browser.switchTo().window(logs).close();
        browser.switchTo().window(handle);
        wait.until(d -> {
            d.get(url("/maintenance"));
            return d.findElements(By.id("update-banner")).isEmpty();
        });
    }

    int status(String path, boolean asAdmin) throws Exception {
        return status(path, asAdmin ? TestAdmin.basic() : null);
    }

    int status(String path, String authorization) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url(path)));
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    int post(String path, String authorization) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
