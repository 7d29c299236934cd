package io.pitwall.publisher.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for browser tests, from the machine's packages (Debian {@code chromium} and
 * {@code chromium-driver}; CI installs them). Never downloads a browser. Where they are missing the
 * test is skipped with a message saying so, rather than passing silently.
 */
final class Browsers {

    private static final List<String> BROWSERS = List.of(
            "/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of(
            "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver", "/usr/local/bin/chromedriver");

    private Browsers() {
    }

    static ChromeDriver headlessChromium(Path profileDir) {
        Optional<Path> browser = find("CHROME_BIN", BROWSERS);
        Optional<Path> driver = find("CHROMEDRIVER", DRIVERS);
        Assumptions.assumeTrue(browser.isPresent() && driver.isPresent(),
                "SKIPPED browser test: headless Chromium not installed (need Debian packages 'chromium' and "
                        + "'chromium-driver', or CHROME_BIN and CHROMEDRIVER); found browser=" + browser.orElse(null)
                        + ", driver=" + driver.orElse(null));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--window-size=1680,1050",
                "--user-data-dir=" + profileDir.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static Optional<Path> find(String env, List<String> candidates) {
        String configured = System.getenv(env);
        return Stream.concat(Stream.ofNullable(configured), candidates.stream())
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst();
    }
}
