package io.carbonx.server;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real headless Chromium driven by Selenium WebDriver against a running server's console: the base of every
 * browser test (register it with {@code @RegisterExtension}, point it at the server with {@link #at}, then
 * {@link #open}, {@link #signIn}, wait for what the page shows, and {@link #screenshot} each page).
 * <p>
 * It uses Debian's {@code chromium} and {@code chromium-driver} ({@value #CHROMIUM}, {@value #CHROMEDRIVER}; other
 * paths with {@code -Dcarbonx.chromium=} and {@code -Dcarbonx.chromedriver=}), never Selenium Manager, which would
 * download a browser. Without them the test FAILS, naming {@code scripts/setup-test-machine.sh}, which installs them:
 * a browser test that skips silently proves nothing. Each test gets a fresh profile, removed after it. Screenshots go
 * to {@code target/screenshots/} of the server module, for review.
 * <p>
 * Used by the test thread only.
 */
final class ConsoleBrowser implements BeforeEachCallback, AfterEachCallback
{
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private ChromeDriverService service;
    private WebDriver driver;
    private Path profile;
    private String base;

    @Override
    public void beforeEach(final ExtensionContext context) throws IOException
    {
        final File chromium = new File(System.getProperty("carbonx.chromium", CHROMIUM));
        final File chromedriver = new File(System.getProperty("carbonx.chromedriver", CHROMEDRIVER));
        if (!chromium.canExecute() || !chromedriver.canExecute())
        {
            fail("the browser tests need headless Chromium and its driver (" + chromium + ", " + chromedriver +
                "); run scripts/setup-test-machine.sh, which installs Debian's chromium and chromium-driver");
        }
        System.setProperty("webdriver.chrome.driver", chromedriver.getPath());
        profile = Files.createTempDirectory("carbonx-chromium-");
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--window-size=1440,1300", "--user-data-dir=" + profile);
        service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
    }

    @Override
    public void afterEach(final ExtensionContext context) throws IOException
    {
        if (driver != null)
        {
            driver.quit();
            driver = null;
        }
        if (service != null)
        {
            service.stop();
            service = null;
        }
        if (profile != null)
        {
            try (Stream<Path> files = Files.walk(profile))
            {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            profile = null;
        }
    }

    /**
     * @return this browser, opening pages of the server on this HTTP port.
     */
    ConsoleBrowser at(final int httpPort)
    {
        base = "http://127.0.0.1:" + httpPort;
        return this;
    }

    WebDriver driver()
    {
        return driver;
    }

    /**
     * Open a path of the server, e.g. {@code /console/market}.
     */
    ConsoleBrowser open(final String path)
    {
        driver.get(base + path);
        return this;
    }

    String path()
    {
        return driver.getCurrentUrl().substring(base.length());
    }

    /**
     * Sign in on the login page (opening it if the browser is elsewhere) and wait until it has left it.
     */
    ConsoleBrowser signIn(final String user, final String token)
    {
        if (!path().startsWith("/console/login"))
        {
            open("/console/login");
        }
        fillLogin(user, token);
        until(ExpectedConditions.not(ExpectedConditions.urlContains("/console/login")));
        until(ExpectedConditions.presenceOfElementLocated(By.id("nav")));
        return this;
    }

    /**
     * Type a user name and token into the login form and submit it.
     */
    void fillLogin(final String user, final String token)
    {
        final WebElement name = until(ExpectedConditions.elementToBeClickable(By.id("user")));
        name.clear();
        name.sendKeys(user);
        final WebElement secret = driver.findElement(By.id("token"));
        secret.clear();
        secret.sendKeys(token);
        driver.findElement(By.id("sign-in")).click();
    }

    /**
     * Wait (up to {@link #WAIT}) for a condition, e.g. {@code ExpectedConditions.textToBePresentInElementLocated}.
     */
    <T> T until(final Function<? super WebDriver, T> condition)
    {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    /**
     * Wait until the element's text contains {@code text}, and return it.
     */
    WebElement untilText(final By locator, final String text)
    {
        until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
        return driver.findElement(locator);
    }

    Object script(final String javascript, final Object... arguments)
    {
        return ((JavascriptExecutor)driver).executeScript(javascript, arguments);
    }

    /**
     * Save what the browser shows as {@code target/screenshots/<name>.png}.
     */
    Path screenshot(final String name)
    {
        try
        {
            Files.createDirectories(SCREENSHOTS);
            final Path target = SCREENSHOTS.resolve(name + ".png");
            final File shot = ((TakesScreenshot)driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
