package dev.gatehouse.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.TestIdpServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The login a user does, in a real headless Chromium: the IdP (127.0.0.1) posts cross-site to the ACS (localhost)
 * over plain http, where Chromium withholds SameSite=Lax cookies, so this proves the bounce design ends in a signed-in
 * session and not in a login loop, and that the pages' CSP nonces let their scripts run. Runs when
 * /usr/bin/chromium and /usr/bin/chromedriver exist (.ci/run installs them and sets GATEHOUSE_REQUIRE_BROWSER=1,
 * which turns a missing browser into a failure instead of a skip).
 */
class ChromiumLoginIT {

    private static final String CHROMIUM = System.getenv().getOrDefault("GATEHOUSE_CHROMIUM", "/usr/bin/chromium");
    private static final String DRIVER = System.getenv().getOrDefault("GATEHOUSE_CHROMEDRIVER", "/usr/bin/chromedriver");

    private static DemoSetup demo;
    private WebDriver browser;
    private Path profile;

    @BeforeAll
    static void start() {
        boolean present = new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute();
        if (!present && "1".equals(System.getenv("GATEHOUSE_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("GATEHOUSE_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + DRIVER
                    + " is missing");
        }
        Assumptions.assumeTrue(present, "Chromium/ChromeDriver not installed (apt-get install chromium "
                + "chromium-driver); skipping the real-browser test");
        demo = new DemoSetup(0, List.of(TestIdpServer.start()), "");
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() throws Exception {
        browser.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    private void signInAt(String url, String user) {
        browser.get(url);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.urlContains("127.0.0.1"));
        browser.findElement(By.cssSelector("button[value='" + user + "']")).click();
        wait.until(ExpectedConditions.urlContains("localhost"));
        wait.until(d -> !d.getCurrentUrl().contains("/saml/acs/"));
    }

    @Test
    void aliceSignsInOverTheCrossSitePostReachesWhoamiAndAdminAndSignsOut() {
        signInAt(demo.url("/whoami"), "alice");
        assertThat(browser.getCurrentUrl()).isEqualTo(demo.url("/whoami"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("\"name\":\"alice@example.com\"",
                "\"provider\":\"dev\"");
        browser.get(demo.url("/admin/"));
        assertThat(browser.findElement(By.id("admin")).getText()).contains("alice@example.com");
        browser.get(demo.url("/"));
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("alice@example.com");
        browser.findElement(By.id("logout")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("anonymous")).isEmpty());
        browser.get(demo.url("/whoami"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("127.0.0.1"));
    }

    @Test
    void bobIsSignedInButRefusedAtAdmin() {
        signInAt(demo.url("/saml/login/dev?returnTo=/sample/admin/"), "bob");
        assertThat(browser.getCurrentUrl()).isEqualTo(demo.url("/admin/"));
        assertThat(browser.findElement(By.id("forbidden")).getText()).contains("bob@example.com");
    }
}
