package io.pitwall.publisher.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.embedded.Ports;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.publisher.Fixtures;
import io.pitwall.publisher.StatePublisher;
import io.pitwall.publisher.config.PublisherConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live timing page in headless Chromium, fed by a live state stream through Kafka: the directory
 * leads to the session, the table fills, a session best turns purple, the flag changes, and the page
 * reconnects by itself when the publisher restarts. Screenshots land in target/screenshots/.
 */
@ExtendWith(KafkaClusterExtension.class)
class LiveTimingPageIT {

    private static final String UUID = "dd203019f9fc49e2a954a3b9281a4927";

    @Test
    void theTimingScreenFollowsTheSessionLive(KafkaCluster cluster, @TempDir Path profile) throws Exception {
        ObjectNode manifest = Fixtures.manifest(Fixtures.ELMS);
        ObjectNode running = Fixtures.withoutTimingFlags(Fixtures.withFlag(Fixtures.state(Fixtures.ELMS), "green"));
        ((ObjectNode) running.path("session")).put("timeElapsed", 7325.4).put("timeRemain", 7074.6);
        int port = Ports.findFree();
        ChromeDriver browser = Browsers.headlessChromium(profile);
        try (PublisherHarness h = new PublisherHarness(cluster, "page").with("http.port", String.valueOf(port))) {
            h.sendManifest(UUID, manifest);
            h.sendState(UUID, running);
            h.start();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

            browser.get(h.httpBase() + "/");
            WebElement card = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[data-uuid='" + UUID + "']")));
            assertThat(card.getText()).contains("European Le Mans Series").contains("4 Hours of Portimão - Race");
            screenshot(browser, "directory.png");
            card.click();

            wait.until(d -> d.findElements(By.cssSelector("#timing-body tr")).size() == 40);
            assertThat(browser.getCurrentUrl()).endsWith("/services/" + UUID);
            assertThat(cellText(browser, "22", "Driver")).isEqualTo("GAMBLE, Tom");
            assertThat(browser.findElement(By.cssSelector("#timing-body tr:first-child")).getAttribute("data-car")).isEqualTo("22");
            assertThat(cellText(browser, "22", "Last")).isEqualTo("1:35.120");
            assertThat(browser.findElement(By.id("flag")).getAttribute("data-flag")).isEqualTo("green");

            // #37 sets the fastest lap of the race, #77 a personal best sector
            ObjectNode fastest = Fixtures.withCell(Fixtures.withCell(running, manifest, "37", "Best", 92.212, "sb"),
                    manifest, "77", "S1", 31.862, "pb");
            fastest = Fixtures.withMessage(fastest, 1635077111L, "LMP2 P/A",
                    "#37 (MILESI, Charles) set a new overall best: 1:32.212", "sb", "37");
            h.sendState(UUID, fastest);
            WebElement best = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("tr[data-car='37'] td[data-col='Best'].sb")));
            assertThat(best.getText()).isEqualTo("1:32.212");
            assertThat(best.getCssValue("background-color")).as("session best is purple").contains("176, 77, 255");
            assertThat(browser.findElement(By.cssSelector("tr[data-car='77'] td[data-col='S1'].pb")).getCssValue("color"))
                    .as("personal best is green").contains("39, 216, 93");
            assertThat(browser.findElement(By.cssSelector("#message-list li:first-child")).getText())
                    .contains("set a new overall best: 1:32.212");

            ObjectNode safetyCar = Fixtures.withMessage(Fixtures.withFlag(fastest, "sc"), 1635078486L, "Track",
                    "Safety car deployed", "yellow", null);
            h.sendState(UUID, safetyCar);
            wait.until(ExpectedConditions.attributeToBe(By.id("flag"), "data-flag", "sc"));
            assertThat(browser.findElement(By.id("flag-label")).getText()).isEqualToIgnoringCase("Safety car");
            assertThat(browser.findElement(By.id("clock-elapsed")).getText()).startsWith("02:02:");
            // a full-HD screen: table and race-control messages side by side
            browser.manage().window().setSize(new Dimension(1920, 1200));
            wait.until(d -> d.findElement(By.cssSelector(".messages")).getLocation().getX() > 1000);
            screenshot(browser, "live-timing.png");

            // the publisher restarts on the same port: the page reconnects without a reload
            h.publisher().close();
            wait.until(ExpectedConditions.attributeToBe(By.id("link-status"), "data-status", "reconnecting"));
            Map<String, String> settings = new HashMap<>();
            settings.put("kafka.bootstrap", cluster.bootstrapServers());
            settings.put("states.topic", h.statesTopic);
            settings.put("manifests.topic", h.manifestsTopic);
            settings.put("http.port", String.valueOf(port));
            settings.put("t71.port", "-1");
            settings.put("rmonitor.port", "-1");
            settings.put("bind.address", "127.0.0.1");
            try (StatePublisher restarted = new StatePublisher(PublisherConfig.of(settings)).start()) {
                assertThat(restarted.httpPort()).isEqualTo(port);
                h.sendState(UUID, Fixtures.withFlag(safetyCar, "green"));
                new WebDriverWait(browser, Duration.ofSeconds(40))
                        .until(ExpectedConditions.attributeToBe(By.id("flag"), "data-flag", "green"));
                assertThat(browser.findElement(By.id("link-status")).getAttribute("data-status")).isEqualTo("live");
            }
        } finally {
            browser.quit();
        }
    }

    private static String cellText(ChromeDriver browser, String car, String column) {
        return browser.findElement(By.cssSelector("tr[data-car='" + car + "'] td[data-col='" + column + "']")).getText();
    }

    private static void screenshot(ChromeDriver browser, String name) throws IOException {
        Path dir = Path.of(System.getProperty("pitwall.module.dir", "."), "target", "screenshots");
        Files.createDirectories(dir);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
