package ru.ksamu.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.schedule.ScheduleFormats;
import ru.ksamu.server.ServerOnH2;
import ru.ksamu.testkit.Browser;
import ru.ksamu.testkit.TestAdmin;

/**
 * Задачи as a clinic admin meets it, in Russian and English: the article's default tasks (a print
 * forms base configured, so its backup is seeded too), options and last runs in words, a past
 * "Однократно" task saved with a warning, a single start years ahead, execute now pressed before
 * signing in, and a delete that asks first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ContextConfiguration(initializers = ServerOnH2.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ksamu-server", "ksamu.port=0",
                "ksamu.databases.print-forms.url=jdbc:h2:file:${ksamu.data-dir}/db/print-forms",
                "ksamu.databases.print-forms.title=База печатных форм"})
class TasksBrowserIT extends ConsoleBrowserTest {

    static final String TRIM = "Обрезка БД логов";
    static final String MAIN_BACKUP = "Бэкап \"Главной базы\"";
    static final String PRINT_BACKUP = "Бэкап \"Базы печатных форм\"";

    WebElement row(String name) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#tasks tr[data-name='" + name.replace("\"", "\\\"") + "']")));
    }

    String cell(String name, String css) {
        return row(name).findElement(By.cssSelector(css)).getText();
    }

    @Test
    @Order(1)
    void executeNowPressedBeforeSigningInRunsTheTaskOnceSignedIn() {
        browser.get(url("/tasks?lang=ru"));
        row(TRIM).findElement(By.cssSelector("button.run")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        byId("password").sendKeys(TestAdmin.PASSWORD);
        byId("login-submit").click(); // the form the refused press led to, not a fresh one
        assertThat(banner("ok")).contains("Задание «" + TRIM + "» запущено");
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/tasks"));
    }

    @Test
    @Order(2)
    void theArticlesDefaultsAreSeededWithTheirOptionsInWords() {
        browser.get(url("/tasks"));
        assertThat(cell(MAIN_BACKUP, "td.options")).isEqualTo("Главная база, хранить 7 копий");
        assertThat(cell(PRINT_BACKUP, "td.options")).isEqualTo("База печатных форм, хранить 7 копий");
        assertThat(cell(TRIM, "td.options")).isEqualTo("хранить логи 30 дней, по 5000 строк за шаг");
        assertThat(cell("Валидация БД", "td.options")).isEqualTo("Главная база");
        assertThat(cell("Обновление КСАМУ из облака", "td.options")).isEmpty();
        assertThat(row("Обновление КСАМУ из облака").getText()).contains("01.01.2016 0:08:00", "Каждые 30 минут",
                "6:00:00", "21:00:00");
        assertThat(row("Отправка статистики").getText()).contains("Каждые 15 минут");
        assertThat(cell(MAIN_BACKUP, "td.nearest")).endsWith(" 21:00:00");
        assertThat(row("Сервисное обслуживание БД").getText()).contains("24.04.2014 20:00:00", "Один раз в неделю");
        // the run started in the first test ended: the last run in words, with its time
        wait.until(d -> {
            d.navigate().refresh();
            return cell(TRIM, "td.last").startsWith("успешно ");
        });
        assertThat(cell(TRIM, "td.last")).matches("успешно \\d{2}\\.\\d{2}\\.\\d{4} \\d{1,2}:\\d{2}:\\d{2}");
    }

    @Test
    @Order(3)
    void inEnglishTheOptionsAndTheLastRunAreEnglish() {
        browser.get(url("/tasks?lang=en"));
        assertThat(cell(MAIN_BACKUP, "td.options")).isEqualTo("Main base, keep 7 copies");
        assertThat(cell(TRIM, "td.options")).isEqualTo("keep logs 30 days, 5000 rows per step");
        assertThat(cell(TRIM, "td.last")).matches("succeeded \\d{2}\\.\\d{2}\\.\\d{4} \\d{1,2}:\\d{2}:\\d{2}");
        assertThat(row(TRIM).findElement(By.cssSelector("button.run")).getAttribute("aria-label"))
                .isEqualTo("Run the task \"" + TRIM + "\" now");
        browser.get(url("/tasks?lang=ru"));
    }

    void create(String name, String start, String periodicity) {
        browser.get(url("/tasks/new"));
        byId("task-form").findElement(By.name("name")).sendKeys(name);
        WebElement field = browser.findElement(By.name("start"));
        field.clear();
        field.sendKeys(start);
        new Select(browser.findElement(By.name("periodicity"))).selectByValue(periodicity);
        byId("save").click();
    }

    @Test
    @Order(4)
    void aPastSingleStartIsSavedWithAWarningAndAnEmptyNearestStart() {
        create("Бэкап перед переездом", "01.01.2014 12:00:00", "ONCE");
        assertThat(banner("warn")).contains("Задание «Бэкап перед переездом» сохранено")
                .contains("однократный запуск 01.01.2014 12:00:00 уже прошёл");
        assertThat(cell("Бэкап перед переездом", "td.nearest")).isEmpty();
    }

    @Test
    @Order(4)
    void aBadOptionIsNamedNextToItsField() {
        browser.get(url("/tasks/new"));
        byId("task-form").findElement(By.name("name")).sendKeys("Бэкап в архив");
        WebElement keep = browser.findElement(By.name("option.keep"));
        keep.clear();
        keep.sendKeys("семь");
        byId("save").click();
        assertThat(byId("error-option-keep").getText()).contains("«семь»").contains("целое число");
        assertThat(browser.findElement(By.name("option.keep")).getAttribute("aria-describedby")).isEqualTo("error-option-keep");
        assertThat(browser.findElement(By.name("option.keep")).getAttribute("value")).isEqualTo("семь");
    }

    @Test
    @Order(5)
    void aSingleStartYearsAheadIsTakenWithoutAHorizon() {
        create("Проверка после переезда", "01.03.2031 21:00:00", "ONCE");
        assertThat(banner("ok")).contains("Задание «Проверка после переезда» сохранено");
        assertThat(cell("Проверка после переезда", "td.nearest"))
                .isEqualTo(ScheduleFormats.formatDateTime(LocalDateTime.of(2031, 3, 1, 21, 0)));
    }

    @Test
    @Order(6)
    void deletingATaskAsksFirstNamingIt() {
        row("Бэкап перед переездом").findElement(By.cssSelector("td a")).click();
        WebElement delete = byId("delete");
        assertThat(delete.getAttribute("class")).contains("danger");
        delete.click();
        Alert question = wait.until(ExpectedConditions.alertIsPresent());
        assertThat(question.getText()).isEqualTo("Удалить задание «Бэкап перед переездом»? Его расписание и опции будут потеряны.");
        question.dismiss();
        assertThat(byId("delete").isDisplayed()).isTrue();
        byId("delete").click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        assertThat(banner("ok")).contains("Задание «Бэкап перед переездом» удалено");
        assertThat(browser.findElements(By.cssSelector("#tasks tr[data-name='Бэкап перед переездом']"))).isEmpty();
    }

    @Test
    @Order(7)
    void inEnglishAPastSingleStartWarnsInEnglish() {
        browser.get(url("/tasks?lang=en"));
        create("Once in the past", "01.01.2014 12:00:00", "ONCE");
        assertThat(banner("warn")).contains("Task \"Once in the past\" saved").contains("has passed");
        browser.get(url("/tasks?lang=ru"));
        assertThat(List.of(cell("Once in the past", "td.nearest"))).containsExactly("");
    }

    int status(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "text/html")
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    @Order(8)
    void aTaskNameTypedWhereANumberBelongsGetsTheConsolesErrorPageInItsLanguage() throws Exception {
        browser.get(url("/logs?run=" + "Бэкап"));
        assertThat(byId("error-page").findElement(By.tagName("h2")).getText()).isEqualTo("Ошибка 400");
        assertThat(byId("error-text").getText()).contains("значение не того вида");
        assertThat(browser.findElement(By.cssSelector("nav a[href='/tasks']")).getText()).isEqualTo("Задачи");
        assertThat(browser.getPageSource()).doesNotContain("Whitelabel");
        assertThat(status("/logs?run=abc")).isEqualTo(400);

        browser.get(url("/tasks?lang=en"));
        browser.get(url("/no-such-page"));
        assertThat(byId("error-page").findElement(By.tagName("h2")).getText()).isEqualTo("Error 404");
        assertThat(byId("error-text").getText()).isEqualTo(
                "There is no page /no-such-page. Check the address or choose a tab in the menu.");
        assertThat(status("/no-such-page")).isEqualTo(404);
        browser.get(url("/tasks?lang=ru"));
        browser.get(url("/no-such-page"));
        assertThat(byId("error-text").getText()).startsWith("Страницы /no-such-page нет");
    }

    @Test
    @Order(9)
    void apiPathsKeepTheirProblemDetails() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/api/v1/no-such")))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    @Order(10)
    void logsChooseATaskByNameAndCountPagesFromOne() {
        browser.get(url("/logs"));
        new Select(byId("filter-task")).selectByVisibleText(TRIM);
        browser.findElement(By.cssSelector("form.filters button")).click();
        wait.until(ExpectedConditions.urlContains("task="));
        List<WebElement> rows = browser.findElements(By.cssSelector("#log tbody tr"));
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.getText()).contains(TRIM));
        assertThat(new Select(byId("filter-task")).getFirstSelectedOption().getText()).isEqualTo(TRIM);
        String found = byId("found").getText();
        browser.get(url("/logs?page=1"));
        assertThat(browser.findElements(By.cssSelector("#log tbody tr"))).isNotEmpty();
        browser.get(url("/logs?page=99"));
        assertThat(browser.findElements(By.cssSelector("#log tbody tr"))).as("past the end: the last page").isNotEmpty();
        assertThat(found).startsWith("Найдено записей: ");
        browser.get(url("/logs?lang=en"));
        assertThat(byId("found").getText()).startsWith("Entries found: ");
        assertThat(new Select(byId("filter-task")).getFirstSelectedOption().getText()).isEqualTo("all tasks");
        browser.get(url("/logs?lang=ru"));
    }

    /** Every tab in English: its visible text outside user data and stored run-log lines (marked data-user). */
    static final List<String> PAGES = List.of("/", "/tasks", "/tasks/new", "/threads", "/maintenance", "/update", "/logs",
            "/clients", "/settings");

    String cyrillicOutsideUserData() {
        return (String) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("""
                var copy = document.body.cloneNode(true);
                copy.querySelectorAll('[data-user], [lang=ru]').forEach(function (e) { e.remove(); });
                copy.querySelectorAll('option').forEach(function (o) { if (!o.selected) { o.remove(); } });
                document.body.appendChild(copy);
                copy.style.position = 'absolute';
                var text = copy.innerText;
                copy.remove();
                return text.split('\\n').filter(function (l) { return /[\\u0400-\\u04FF]/.test(l); }).join('\\n');
                """);
    }

    @Test
    @Order(11)
    void inEnglishNoConsoleTextIsRussian() {
        browser.get(url("/tasks?lang=en"));
        // a failed last run: its stored (Russian) error is shown as stored text, the words around it in English
        row("Отправка статистики").findElement(By.cssSelector("button.run")).click();
        wait.until(d -> {
            d.get(url("/tasks"));
            return cell("Отправка статистики", "td.last").startsWith("failed: ");
        });
        String editor = row(MAIN_BACKUP).findElement(By.cssSelector("td a")).getAttribute("href");
        StringBuilder found = new StringBuilder();
        for (String page : PAGES) {
            browser.get(url(page));
            byId("main");
            String cyrillic = cyrillicOutsideUserData();
            if (!cyrillic.isBlank()) {
                found.append(page).append(":\n").append(cyrillic).append("\n");
            }
        }
        browser.get(editor);
        String cyrillic = cyrillicOutsideUserData();
        if (!cyrillic.isBlank()) {
            found.append("editor:\n").append(cyrillic).append("\n");
        }
        // flash messages too: a check of the cloud, the viewing settings, a refused restore
        browser.get(url("/update"));
        byId("check-updates").click();
        assertThat(banner("ok")).isEqualTo("The update check is done");
        browser.get(url("/settings"));
        browser.findElement(By.cssSelector("#view-form button")).click();
        assertThat(banner("ok")).isEqualTo("Every tab is open to viewers who have not signed in");
        cyrillic = cyrillicOutsideUserData();
        if (!cyrillic.isBlank()) {
            found.append("settings after saving:\n").append(cyrillic).append("\n");
        }
        WebElement form = byId("password-form");
        form.findElement(By.name("current")).sendKeys(TestAdmin.PASSWORD);
        form.findElement(By.name("next")).sendKeys("short");
        form.findElement(By.name("repeat")).sendKeys("short");
        form.findElement(By.tagName("button")).click();
        assertThat(banner("error")).isEqualTo("the new password must be at least 8 characters long");
        browser.get(url("/tasks?lang=ru"));
        assertThat(found.toString()).as("Russian text in the English console").isEmpty();
    }

    long width(String expression) {
        return ((Number) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return " + expression)).longValue();
    }

    @Test
    @Order(12)
    void theTaskTableFitsA1024PixelWindowInBothLanguages() {
        org.openqa.selenium.Dimension before = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1024, 768));
            for (String lang : List.of("ru", "en")) {
                browser.get(url("/tasks?lang=" + lang));
                row(MAIN_BACKUP);
                long page = width("document.documentElement.scrollWidth");
                long view = width("document.documentElement.clientWidth");
                long table = width("document.getElementById('tasks').getBoundingClientRect().width");
                System.out.printf("Задачи at 1024 px (%s): table %d px, page %d px, viewport %d px%n", lang, table, page, view);
                assertThat(page).as("no horizontal scrolling (" + lang + ")").isLessThanOrEqualTo(view);
                Browser.screenshot(browser, java.nio.file.Path.of("target", "screenshots", "tasks-1024-" + lang + ".png"));
            }
        } finally {
            browser.manage().window().setSize(before);
            browser.get(url("/tasks?lang=ru"));
        }
    }

    @Test
    @Order(13)
    void keyboardUsersGetASkipLinkAVisibleFocusAndDistinctButtonNames() {
        browser.get(url("/tasks?lang=ru"));
        row(MAIN_BACKUP);
        browser.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getAttribute("id")).isEqualTo("skip-link");
        assertThat(focused.getText()).isEqualTo("Перейти к содержимому");
        assertThat(focused.getCssValue("outline-style")).isEqualTo("solid");
        List<String> names = browser.findElements(By.cssSelector("#tasks button.run")).stream()
                .map(b -> b.getAttribute("aria-label")).toList();
        assertThat(names).doesNotHaveDuplicates().contains("Выполнить задание «" + TRIM + "» немедленно");
    }
}
