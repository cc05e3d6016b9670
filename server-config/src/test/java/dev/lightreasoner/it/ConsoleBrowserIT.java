package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (the Debian chromium and chromium-driver packages; no driver is
 * downloaded): start a job from the generated form and watch its progress bar reach 100 %, open a failed
 * training and read its resume point, restart it from the console and see it complete. Screenshots are
 * saved under server-config/target/screenshots.
 */
class ConsoleBrowserIT extends DeployedApp {
    private static final String CONSOLE = "http://127.0.0.1:8080/lightreasoner/";
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final Path DOWNLOADS = Path.of("target", "browser-downloads").toAbsolutePath();
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws IOException {
        String chromium = System.getProperty("chromium.binary", "/usr/bin/chromium");
        String driver = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
        assertTrue(new File(chromium).canExecute() && new File(driver).canExecute(), "needs " + chromium + " and " + driver
                + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)");
        ChromeOptions options = new ChromeOptions().setBinary(chromium)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        Files.createDirectories(DOWNLOADS);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(driver)).build(), options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Signs in through the console's form and waits until the header names the user. */
    private void signIn(String user, String password) {
        browser.get(CONSOLE);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-user"))).sendKeys(user);
        browser.findElement(By.id("login-password")).sendKeys(password);
        click(By.id("login"));
    }

    @Test
    void startAJobWatchItFinishThenRestartAFailedTrainingFromItsResumePoint() throws IOException {
        signIn(Api.OPERATOR, Api.OPERATOR + "-password");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), Api.OPERATOR));
        String dataset = "console-" + System.currentTimeMillis();
        browser.get(CONSOLE + "#/jobs/prepare");
        WebElement datasetField = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("p-dataset")));
        datasetField.clear();
        datasetField.sendKeys(dataset);
        WebElement limit = browser.findElement(By.id("p-limit"));
        limit.clear();
        limit.sendKeys("30");
        WebElement chunk = browser.findElement(By.id("p-chunkSize"));
        chunk.clear();
        chunk.sendKeys("5");
        shot("1-start-form");
        click(By.id("start"));
        wait.until(ExpectedConditions.urlMatches("#/executions/\\d+$"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".bar[data-progress='100']")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1 .status"), "COMPLETED"));
        WebElement lineage = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#lineage ul.lineage")));
        assertTrue(lineage.getText().contains("prepare #") && lineage.getText().contains("file: datasets/gsm8k/train.jsonl"),
                lineage.getText());
        shot("2-completed");
        assertEquals(30, Api.get("datasets").ok().get(dataset).asLong());

        // a training that fails at optimizer step 7 (checkpoints every 4 steps)
        JsonNode sampled = Api.awaitFinished(Api.start("sample", Map.of("dataset", TinyPair.dataset(),
                "expert", TinyPair.EXPERT, "amateur", TinyPair.AMATEUR, "maxNewTokens", 16, "limit", 2, "beta", 1.5)));
        JsonNode failed = Api.awaitFinished(Api.start("train", Map.of("samples", sampled.get("instanceId").asLong(),
                "maxSteps", 12, "checkpointEvery", 4, "batchSize", 4, "failAtStep", 7)));
        assertEquals("FAILED", failed.get("batchStatus").asText());
        browser.get(CONSOLE + "#/executions?job=train&status=FAILED");
        click(By.linkText(failed.get("executionId").asText())); // the list re-renders every 2 s
        WebElement resume = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("resume-point")));
        assertTrue(resume.getText().contains("optimizer step 5 of 12"), resume.getText());
        shot("3-failed-with-resume-point");

        click(By.id("restart"));
        WebElement failAt = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#restart-params input[name='failAtStep']")));
        failAt.clear();
        failAt.sendKeys("-1");
        click(By.id("confirm-restart"));
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlToBe(CONSOLE + "#/executions/" + failed.get("executionId").asText())));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1 .status"), "COMPLETED"));
        shot("4-restarted-completed");
        String url = browser.getCurrentUrl();
        long restarted = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
        JsonNode done = Api.get("executions/" + restarted).ok();
        assertEquals(failed.get("instanceId").asLong(), done.get("instanceId").asLong(), "same job instance");
        assertEquals(12, done.get("progress").get("done").asLong());
    }

    /**
     * What an operator meets beyond starting a job: the executions filter survives the 2-s refresh, a pipeline's
     * stage settings are offered and fault injection is not, "run again" fills the form with an execution's
     * parameters, samples are shown as text and download with the tab's credentials, the training page charts the
     * gradient norm.
     */
    @Test
    void stageSettingsRunAgainDecodedSamplesAndDownloadsWithoutALoginPrompt() throws Exception {
        JsonNode sampled = Api.awaitFinished(Api.start("sample", Map.of("dataset", TinyPair.dataset(),
                "expert", TinyPair.EXPERT, "amateur", TinyPair.AMATEUR, "maxNewTokens", 16, "limit", 2, "beta", 0.0)));
        long samples = sampled.get("instanceId").asLong();
        JsonNode trained = Api.awaitFinished(Api.start("train", Map.of("samples", samples, "maxSteps", 3,
                "checkpointEvery", 3, "batchSize", 4)));
        assertEquals("COMPLETED", trained.get("batchStatus").asText(), trained.toString());
        signIn(Api.OPERATOR, Api.OPERATOR + "-password");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), Api.OPERATOR));

        browser.get(CONSOLE + "#/executions?job=train");
        // the filter of this page (the page rendered at sign-in may still be the one on screen for a moment)
        WebElement filter = wait.ignoring(StaleElementReferenceException.class).until(page -> {
            WebElement f = page.findElement(By.id("f-job"));
            return "train".equals(new org.openqa.selenium.support.ui.Select(f).getFirstSelectedOption().getText()) ? f : null;
        });
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#executions tr[data-execution]")));
        Thread.sleep(4500);                                       // two refreshes
        assertEquals("train", new org.openqa.selenium.support.ui.Select(filter).getFirstSelectedOption().getText(),
                "the filter is the same element after the refreshes (not rebuilt under an open list)");

        browser.get(CONSOLE + "#/jobs/lightreasoner");
        WebElement maxSteps = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("p-train.maxSteps")));
        assertEquals("1000", maxSteps.getAttribute("data-default"), "the train job's own default");
        assertTrue(browser.findElements(By.id("p-train.samples")).isEmpty(), "set by the pipeline: not offered");
        assertTrue(browser.findElements(By.cssSelector("#start-form [name$='failAtStep'], #start-form [name$='failAtQuestion']"))
                .isEmpty(), "fault injection is not offered");
        assertTrue(browser.findElement(By.id("dl-paths")).getAttribute("innerHTML").contains(TinyPair.EXPERT),
                "the model picker lists the data root's models");
        shot("7-pipeline-stage-settings");

        browser.get(CONSOLE + "#/executions/" + trained.get("executionId").asText());
        click(By.id("run-again"));
        WebElement samplesField = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("p-samples")));
        assertEquals(String.valueOf(samples), samplesField.getAttribute("value"));
        assertEquals("3", browser.findElement(By.id("p-maxSteps")).getAttribute("value"));
        shot("8-run-again");

        browser.get(CONSOLE + "#/sampling-runs/" + samples);
        WebElement table = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("samples")));
        assertTrue(table.getText().matches("(?s).*: [01]\\.\\d{3}.*"), "each candidate token with its weight: " + table.getText());
        assertTrue(browser.findElements(By.cssSelector("#samples td:nth-child(4) code")).stream()
                .anyMatch(code -> !code.getText().isBlank()), "the expert's prefix is shown as text");
        Path file = DOWNLOADS.resolve("samples-run-" + samples + ".jsonl");
        Files.deleteIfExists(file);
        click(By.id("download-samples"));
        wait.until(page -> Files.isRegularFile(file));
        String first = Files.readAllLines(file).get(0);
        assertTrue(first.startsWith("{") && first.contains("\"prefix\""), first);
        shot("9-decoded-samples");

        browser.get(CONSOLE + "#/training-runs/" + trained.get("instanceId").asText());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#grad-chart canvas")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1 .status"), "COMPLETED"));
        shot("10-training-curves");
        Path zip = DOWNLOADS.resolve("adapter-train-" + trained.get("instanceId").asText() + ".zip");
        Files.deleteIfExists(zip);
        click(By.id("download-adapter"));
        wait.until(page -> Files.isRegularFile(zip));
        try (java.util.zip.ZipFile archive = new java.util.zip.ZipFile(zip.toFile())) {
            assertTrue(archive.getEntry("adapter/adapter_config.json") != null
                    && archive.getEntry("adapter/adapter_model.safetensors") != null, "the PEFT adapter, whole");
        }
    }

    /** A wrong password is refused on the form; a viewer sees executions but no buttons that change them. */
    @Test
    void aViewerCanReadButNotOperate() throws IOException {
        signIn(Api.VIEWER, "not-the-password");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("view"), "wrong user name or password"));
        shot("5-wrong-password");
        JsonNode sampled = Api.awaitFinished(Api.start("sample", Map.of("dataset", TinyPair.dataset(),
                "expert", TinyPair.EXPERT, "amateur", TinyPair.AMATEUR, "maxNewTokens", 16, "limit", 2, "beta", 1.5)));
        JsonNode failed = Api.awaitFinished(Api.start("train", Map.of("samples", sampled.get("instanceId").asLong(),
                "maxSteps", 4, "checkpointEvery", 2, "batchSize", 4, "failAtStep", 3)));
        assertEquals("FAILED", failed.get("batchStatus").asText(), failed.toString());
        signIn(Api.VIEWER, Api.VIEWER + "-password");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "lr-viewer"));
        browser.get(CONSOLE + "#/executions/" + failed.get("executionId").asText());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1 .status"), "FAILED"));
        assertEquals(false, isDisplayed(By.id("restart")), "a viewer sees no restart button");
        assertEquals(false, isDisplayed(By.id("abandon")), "a viewer sees no abandon button");
        shot("6-viewer-execution");
        click(By.id("logout"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-user")));
    }

    /** Reads visibility again when the console re-renders the page between finding and asking (its refresh timer). */
    private boolean isDisplayed(By locator) {
        return wait.ignoring(StaleElementReferenceException.class)
                .until(page -> Optional.of(page.findElement(locator).isDisplayed())).get();
    }

    /** Clicks once it is there, finding it again if the console re-rendered it in between. */
    private void click(By locator) {
        wait.ignoring(StaleElementReferenceException.class).until(page -> {
            page.findElement(locator).click();
            return true;
        });
    }

    private void shot(String name) throws IOException {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
