package dev.sluice.cli;

import dev.sluice.testing.InstalledPostgres;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which .ci/run
 * installs) against a real database, driven through the command line as a user would: what the page shows
 * after a migrate, a rollback, a change made by hand (drift) and a failed migration. Screenshots of each
 * state are kept under {@code target/dashboard-screenshots/}. The page must update itself: a marker set in
 * the page at the start is still there at the end, so nothing reloaded it.
 */
@ExtendWith(PostgresExtension.class)
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "dashboard-screenshots");

    @TempDir
    Path dir;

    private WebDriver browser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            InstalledPostgres.skipOrFailInCi("no Chromium: install chromium and chromium-driver (.ci/run does so as root)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1700");
        // The installed driver, named explicitly: nothing is downloaded.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private CliRun sluice(TestDatabase db, String... args) {
        return CliRun.inProject(dir, db, db.password(), args);
    }

    @Test
    void thePageFollowsMigrateRollbackDriftAndAFailure(TestDatabase db) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__customers.sql"), "create table customers (id bigint primary key, email text not null);\n");
        Files.writeString(dir.resolve("migrations/U1__customers.sql"), "drop table customers;\n");
        Files.writeString(dir.resolve("migrations/V2__nickname.sql"), "alter table customers add column nickname varchar(40);\n");
        Files.writeString(dir.resolve("migrations/U2__nickname.sql"), "alter table customers drop column nickname;\n");
        Files.createDirectories(SHOTS);
        Map<String, String> env = new HashMap<>(CliRun.env("SLUICE_URL", db.jdbcUrl(), "SLUICE_USER", db.user(),
                "SLUICE_PASSWORD", db.password(), "SLUICE_MONITOR_MAX_AGE", "1s"));
        WebDriver browser = browser();
        try (Served served = new Served(env, "--dir", dir.toString(), "serve", "--port", "0")) {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
            browser.get(served.url("/"));
            ((JavascriptExecutor) browser).executeScript("window.sluiceMarker = 'no reload';");

            wait.until(b -> count(b, "[data-view=pending] .pending-item") == 2);
            assertEquals("none", field(browser, "current"));
            List<String> pending = texts(browser, "[data-view=pending] .pending-item");
            assertTrue(pending.get(0).contains("V1 customers"), pending.get(0));
            assertTrue(pending.get(1).contains("prefer-text"), "the lint verdict of V2: " + pending.get(1));
            assertEquals("DOWN", health(browser));
            shot(browser, "1-pending");

            assertEquals(0, sluice(db, "migrate").exitCode());
            wait.until(b -> "2".equals(field(b, "current")));
            wait.until(b -> count(b, "[data-view=history] .timeline-item[data-state=APPLIED]") == 2);
            wait.until(b -> count(b, "[data-view=pending] [data-field=no-pending]") > 0);
            wait.until(b -> "UP".equals(health(b)));
            shot(browser, "2-migrated");

            assertEquals(0, sluice(db, "rollback").exitCode());
            wait.until(b -> "1".equals(field(b, "current")));
            wait.until(b -> count(b, "[data-view=history] .timeline-item[data-state=ROLLED_BACK]") > 0);
            assertEquals(List.of("V2"), texts(browser, "[data-view=pending] .pending-item strong").stream().map(t -> t.split(" ")[0]).toList(),
                    "V2 is pending again");
            shot(browser, "3-rolled-back");

            assertEquals(0, sluice(db, "migrate").exitCode());
            wait.until(b -> "2".equals(field(b, "current")));
            db.execute("alter table customers add column added_by_hand text");
            wait.ignoring(StaleElementReferenceException.class).until(b -> {
                b.findElement(By.cssSelector("section.database[data-name=main] [data-view=drift] button[data-action=check-drift]")).click();
                return true;
            });
            wait.until(b -> count(b, "[data-view=drift] .diff li") > 0);
            assertEquals(List.of("added column public.customers.added_by_hand: text"), texts(browser, "[data-view=drift] .diff li"));
            assertTrue(texts(browser, "[data-view=drift] .badge").contains("DRIFTED"));
            wait.until(b -> count(b, "[data-view=health] li[data-kind=drift]") > 0);
            shot(browser, "4-drift");

            Files.writeString(dir.resolve("migrations/V3__broken.sql"), "alter table customers add column age int;\nselect 1/0;\n");
            assertEquals(ExitCodes.MIGRATION_FAILED, sluice(db, "migrate").exitCode());
            wait.until(b -> count(b, "[data-view=runs] .failed-item[data-version='3']") > 0);
            wait.until(b -> count(b, "[data-view=history] .timeline-item[data-state=FAILED]") > 0);
            wait.until(b -> count(b, "[data-view=health] li[data-kind=failed]") > 0);
            assertEquals("1", field(browser, "failed-count"));
            shot(browser, "5-failed");

            assertEquals("no reload", ((JavascriptExecutor) browser).executeScript("return window.sluiceMarker;"),
                    "the page refreshed its views in place");
            Object refreshed = ((JavascriptExecutor) browser).executeScript("return Number(document.body.dataset.refreshed);");
            assertTrue(((Number) refreshed).intValue() > 5, "refreshed " + refreshed + " times without a reload");
        } finally {
            browser.quit();
        }
    }

    /**
     * The text of each element matching {@code css} in the main database's section, read in one script, so
     * that a view redrawn between finding an element and reading it cannot make the read fail.
     */
    @SuppressWarnings("unchecked")
    private static List<String> texts(WebDriver b, String css) {
        return (List<String>) ((JavascriptExecutor) b).executeScript("return Array.from(document.querySelectorAll("
                + "'section.database[data-name=main] ' + arguments[0])).map(e => e.textContent);", css);
    }

    private static int count(WebDriver b, String css) {
        return texts(b, css).size();
    }

    private static String field(WebDriver b, String name) {
        List<String> e = texts(b, "[data-field=" + name + "]");
        return e.isEmpty() ? null : e.get(0);
    }

    private static String health(WebDriver b) {
        return field(b, "health");
    }

    private static void shot(WebDriver browser, String name) throws Exception {
        File file = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
