package dev.modelyard.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.e2e.PlatformUnderTest;
import dev.modelyard.launcher.DemoDataset;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web console in a real browser against the real stack: Debian's Chromium driven headless by
 * playwright-core (from the web console's own npm dependencies) runs {@code console-lifecycle.mjs},
 * from the Keycloak login to the invoice, failing on any browser console error and leaving a screenshot
 * of each page in {@code e2e-tests/target/console-screenshots}.
 */
@ExtendWith(PlatformUnderTest.class)
class ConsoleEndToEndTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("modelyard.test.chromium", "/usr/bin/chromium"));

    @Test
    void thePersonLifecycleHoldsInTheBrowser() throws Exception {
        Path project = Path.of(System.getProperty("modelyard.project.dir", "..")).toAbsolutePath().normalize();
        Path webConsole = project.resolve("web-console");
        assertThat(CHROMIUM).as("Chromium is needed for the browser tests (apt-get install chromium)").isExecutable();
        assertThat(webConsole.resolve("node_modules/playwright-core")).as("the web console's npm dependencies, installed by its build")
                .isDirectory();

        Path work = Files.createDirectories(project.resolve("e2e-tests/target/console-e2e"));
        Path dataset = work.resolve("customers.csv");
        Files.writeString(dataset, DemoDataset.csv(400, 7), StandardCharsets.UTF_8);
        Path log = work.resolve("console-lifecycle.log");

        ProcessBuilder node = new ProcessBuilder("node", project.resolve("e2e-tests/src/test/console/console-lifecycle.mjs").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        node.environment().put("CONSOLE_URL", RestAssured.baseURI);
        node.environment().put("DATASET", dataset.toString());
        node.environment().put("SCREENSHOTS", project.resolve("e2e-tests/target/console-screenshots").toString());
        node.environment().put("NODE_MODULES_OF", webConsole.toString());
        node.environment().put("CHROMIUM", CHROMIUM.toString());
        Process process = node.start();
        boolean finished = process.waitFor(8, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);

        assertThat(finished).as("the browser run finished within 8 minutes:\n" + output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("The console lifecycle holds in the browser with no console errors.");
    }
}
