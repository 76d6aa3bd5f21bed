package ru.ksamu.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.release.Version;
import ru.ksamu.release.bundle.Bundles;
import ru.ksamu.release.bundle.ReleaseInfo;
import ru.ksamu.release.signing.SigningKeyPair;
import ru.ksamu.server.ServerOnH2;
import ru.ksamu.testkit.Browser;
import ru.ksamu.testkit.TestAdmin;

/**
 * "Импорт релиза из файла" in a real Chromium: the file chosen in the form is uploaded by the
 * page's script (progress bar, CSRF header), the verdict shows under it with the new
 * "Установить версию 1.0.0.1 из файла", which starts the install; a file of another kind is
 * refused in words naming it. The page stays within 1,024 px.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ContextConfiguration(initializers = {ServerOnH2.class, ImportBrowserIT.Keys.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ksamu-server", "ksamu.port=0", "ksamu.update.hub-url=http://127.0.0.1:9"})
class ImportBrowserIT extends ConsoleBrowserTest {

    static final SigningKeyPair VENDOR = SigningKeyPair.generate();

    /** Pins the vendor's release key. */
    static class Keys implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext ctx) {
            ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ksamuImportBrowserKeys",
                    Map.of("ksamu.update.release-keys", VENDOR.trustedKey().toText())));
        }
    }

    @Test
    @Order(1)
    void aFileOfAnotherKindIsRefusedNamingIt() throws Exception {
        Path other = Files.createTempDirectory("ksamu-import-browser").resolve("отчёт.zip");
        Files.writeString(other, "не архив");
        login(TestAdmin.PASSWORD);
        wait.until(ExpectedConditions.urlToBe(url("/")));
        browser.get(url("/maintenance"));
        byId("import-file").sendKeys(other.toString());
        byId("import-send").click();
        String refused = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#import-result.error"))).getText();
        assertThat(refused).contains("Файл «отчёт.zip» отклонён").contains("Ничего не сохранено");
    }

    @Test
    @Order(2)
    void aBundleIsUploadedWithProgressAndInstalledByItsButton() throws Exception {
        Path dir = Files.createTempDirectory("ksamu-import-browser");
        Files.createDirectories(dir.resolve("src/client"));
        Files.write(dir.resolve("src/client/big.bin"), new byte[3 << 20]);
        Path bundle = dir.resolve("ksamu-1.0.0.1.zip");
        Bundles.build(dir.resolve("src"), bundle, ReleaseInfo.of(Version.parse("1.0.0.1"), "Из браузера", List.of(), Instant.now()),
                VENDOR.signingKey());
        browser.manage().window().setSize(new Dimension(1024, 800));
        browser.get(url("/maintenance"));
        byId("import-file").sendKeys(bundle.toString());
        byId("import-send").click();
        String accepted = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#import-result.ok"))).getText();
        assertThat(accepted).contains("Файл «ksamu-1.0.0.1.zip» принят: версия 1.0.0.1");
        assertThat(byId("import-progress").getAttribute("value")).isEqualTo("100");
        Browser.screenshot(browser, ConsoleBrowserIT.SHOTS.resolve("maintenance-import.png"));
        Object wide = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
        assertThat(wide).as("Технические работы at 1,024 px scrolls sideways").isEqualTo(false);

        browser.findElement(By.cssSelector("#imported button[data-version='1.0.0.1']")).click();
        wait.until(ExpectedConditions.urlToBe(url("/threads")));
        assertThat(banner("ok")).contains("Установка версии 1.0.0.1 из файла запущена");
    }
}
