package ru.ksamu.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.server.ServerOnH2;
import ru.ksamu.testkit.Browser;
import ru.ksamu.testkit.TestAdmin;

/**
 * The screenshots of the README: a clinic's server as its admin sees it after a day of work (the
 * article's tasks with their last runs, a print forms base, two workstations connected, region 09),
 * every tab in Russian and English at 1,024 and 1,366 px. Saved to target/screenshots/, or to
 * docs/screenshots/ with {@code -Dksamu.screenshots=docs}; each shot also checks that the page
 * does not scroll sideways.
 */
@ContextConfiguration(initializers = ServerOnH2.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ksamu-server", "ksamu.port=0",
                "ksamu.databases.print-forms.url=jdbc:h2:file:${ksamu.data-dir}/db/print-forms",
                "ksamu.databases.print-forms.title=База печатных форм"})
class ConsoleScreenshotsBrowserIT extends ConsoleBrowserTest {

    static final Path SHOTS = "docs".equals(System.getProperty("ksamu.screenshots"))
            ? Path.of("..", "docs", "screenshots") : Path.of("target", "screenshots");
    /** Tab (file name) and its address. Обновление is shot by e2e's ConsoleCountdownBrowserIT, with real releases installed. */
    static final List<String[]> TABS = List.of(new String[] {"home", "/"}, new String[] {"tasks", "/tasks"},
            new String[] {"threads", "/threads"}, new String[] {"maintenance", "/maintenance"},
            new String[] {"logs", "/logs"}, new String[] {"clients", "/clients"},
            new String[] {"settings", "/settings"});
    static final List<Integer> WIDTHS = List.of(1024, 1366);

    final List<CompletableFuture<HttpResponse<InputStream>>> workstations = new ArrayList<>();

    @AfterAll
    void closeWorkstations() {
        workstations.forEach(w -> w.thenAccept(r -> {
            try {
                r.body().close();
            } catch (IOException e) {
                // the server ends the stream anyway when the context closes
            }
        }).cancel(true));
    }

    void runNow(String task) {
        browser.get(url("/tasks"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#tasks tr[data-name='" + task.replace("\"", "\\\"") + "'] button.run"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.ok")));
        wait.until(d -> {
            d.get(url("/tasks"));
            return !d.findElement(By.cssSelector("#tasks tr[data-name='" + task.replace("\"", "\\\"") + "'] td.last"))
                    .getText().isBlank();
        });
    }

    void connect(String user, String host) {
        String q = "?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&host=" + host + "&version=1.0.0.1";
        workstations.add(HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(url("/api/v1/client/events" + q)))
                .build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** A day of the clinic: the admin signs in, sets the region, the nightly tasks have run, two desks are open. */
    void aDayOfWork() {
        login(TestAdmin.PASSWORD);
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        browser.get(url("/settings"));
        WebElement region = byId("region");
        region.clear();
        region.sendKeys("09");
        browser.findElement(By.cssSelector("#cloud-form button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".banner.ok")));
        for (String task : List.of("Бэкап \"Главной базы\"", "Бэкап \"Базы печатных форм\"", "Валидация БД",
                "Сервисное обслуживание БД", "Обрезка БД логов")) {
            runNow(task);
        }
        connect("Петрова А. В.", "REG-01");
        connect("Сидоров И. П.", "DOC-12");
        wait.until(d -> {
            d.get(url("/clients"));
            return d.findElements(By.cssSelector("#clients tbody tr")).size() >= 2;
        });
    }

    @Test
    void everyTabInBothLanguagesAtBothWidths() {
        aDayOfWork();
        browser.get(url("/tasks"));
        String editor = browser.findElement(By.cssSelector("#tasks tr[data-name='Обновление КСАМУ из облака'] td a"))
                .getAttribute("href");
        for (String lang : List.of("ru", "en")) {
            browser.get(url("/?lang=" + lang));
            for (int width : WIDTHS) {
                browser.manage().window().setSize(new Dimension(width, 800));
                for (String[] tab : TABS) {
                    shoot(tab[0], url(tab[1]), lang, width);
                }
                shoot("task-editor", editor, lang, width);
            }
        }
        browser.get(url("/?lang=ru"));
    }

    void shoot(String name, String address, String lang, int width) {
        browser.get(address);
        byId("main");
        Object wide = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
        assertThat(wide).as(name + " at " + width + " px (" + lang + ") scrolls sideways").isEqualTo(false);
        Browser.screenshot(browser, SHOTS.resolve(name + "-" + lang + "-" + width + ".png"));
    }
}
