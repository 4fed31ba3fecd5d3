package dev.loupe.search.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's matching chromedriver (installed by {@code
 * deploy/ci/install-chromium.sh}); nothing is downloaded. Paths can be overridden with the system
 * properties {@code loupe-browser.chromium} and {@code loupe-browser.chromedriver}. A browser that cannot
 * be launched is an error naming the fix, never a silent skip. The properties are not named {@code
 * loupe.browser.*}: surefire hands command-line properties to the service under test, and SearchConfig's
 * {@code loupe} mapping rejects unknown keys under its prefix.
 */
final class HeadlessChromium implements AutoCloseable {

    /** Set to {@code true} to skip the browser tests on a machine without Chromium. */
    static final String SKIP_PROPERTY = "loupe-browser.skip";

    private static final String FIX = "install it with deploy/ci/install-chromium.sh (apt-get install chromium"
            + " chromium-driver), point -Dloupe-browser.chromium / -Dloupe-browser.chromedriver at it, or skip the"
            + " browser tests explicitly with -D" + SKIP_PROPERTY + "=true";

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * Launches a headless browser.
     *
     * @throws IllegalStateException when Chromium or chromedriver is missing or does not start
     */
    static HeadlessChromium launch() {
        Path chromium = executable("loupe-browser.chromium", "/usr/bin/chromium", "Chromium");
        Path chromedriver = executable("loupe-browser.chromedriver", "/usr/bin/chromedriver", "chromedriver");
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox", // Chromium refuses to run as root with its sandbox; CI runs as root
                        "--disable-gpu",
                        "--disable-dev-shm-usage", // containers often have a tiny /dev/shm
                        "--window-size=1280,1024");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new HeadlessChromium(driver);
        } catch (WebDriverException e) {
            service.stop();
            throw new IllegalStateException(
                    "Chromium " + chromium + " could not be launched headless through " + chromedriver + ": "
                            + e.getRawMessage() + "; " + FIX,
                    e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static Path executable(String property, String fallback, String what) {
        Path path = Path.of(System.getProperty(property, fallback));
        File file = path.toFile();
        if (!Files.isRegularFile(path) || !file.canExecute()) {
            throw new IllegalStateException(what + " is not installed at " + path + ": " + FIX);
        }
        return path;
    }
}
