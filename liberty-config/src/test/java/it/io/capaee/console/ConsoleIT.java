// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Actors;
import it.io.capaee.support.RegistryUploads;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import it.io.capaee.support.WorkerCalls;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StorageType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console of the test server, from loopback with no token configured (the development default: no log-in,
 * every action offered): every page loads without a browser error, a function deployed from the console and called
 * shows its calls going up, a connector stopped from the console stops, an actor deactivated from the console is
 * no longer active, an actor's queued call and its reminder show on the Actors page.
 */
@ResourceLock(value = SharedResources.DESIRED_STATE, mode = ResourceAccessMode.READ)
// its actor's state must outlive the deactivation: ActorsIT deletes every actor's keys of the test server meanwhile otherwise
@ResourceLock(value = SharedResources.ACTORS, mode = ResourceAccessMode.READ)
@ResourceLock(value = SharedResources.PROXY_ROUTES, mode = ResourceAccessMode.READ)
class ConsoleIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String PORT = System.getProperty("http.port", "9089");
    private static ConsoleBrowser browser;
    private static final WorkerCalls worker = new WorkerCalls(Server.base());

    @BeforeAll
    static void open() throws Exception {
        browser = new ConsoleBrowser(Server.base());
    }

    @AfterAll
    static void close() throws Exception {
        if (browser != null) {
            browser.close();
        }
        worker.remove("console-" + RUN, "v1");
        Server.send(Server.request("/registry/it-console-" + RUN + "/hello/1.0.0").DELETE());
        Server.send(Server.request("/v1.0-alpha1/connectors/console-" + RUN).DELETE());
    }

    @Test
    void everyPageLoadsWithoutABrowserError() throws Exception {
        for (String page : ConsoleBrowser.pages()) {
            browser.open(page);
            Thread.sleep(500); // let the charts and late requests of the page finish before the log is read
            assertEquals(List.of(), browser.errors(), "browser errors on the page " + page);
            assertTrue(browser.find(By.id("page-" + page)).isDisplayed(), page + " shows");
            browser.screenshot(page);
        }
        browser.open("overview");
        String counts = browser.find(By.id("overview-counts")).getText();
        assertTrue(counts.contains("registry modules"), counts);
        String health = browser.find(By.id("overview-health")).getText();
        assertTrue(health.contains("wasm-functions"), "the readiness checks of /health: " + health);
        String servers = browser.find(By.id("overview-servers")).getText();
        assertTrue(servers.contains(Server.base() + " "), "this server, as its worker's heartbeat announces it: " + servers);
    }

    @Test
    void aFunctionDeployedFromTheConsoleAndCalledShowsItsCallsGoingUp() throws Exception {
        String function = "console-" + RUN;
        HttpResponse<String> upload = RegistryUploads.upload("it-console-" + RUN, "hello", "1.0.0", Server.guest("hello-http"), "console");
        assertEquals(200, upload.statusCode(), upload.body());
        browser.open("functions");
        WebElement form = browser.find(By.id("deploy-form"));
        form.findElement(By.name("function")).sendKeys(function);
        form.findElement(By.name("revision")).sendKeys("v1");
        String module = "it-console-" + RUN + "/hello/1.0.0";
        // the page fills the options anew on every poll: choose again until the choice holds (a stale option is retried)
        browser.await(d -> {
            WebElement select = form.findElement(By.name("module"));
            new Select(select).selectByValue(module);
            return module.equals(select.getDomProperty("value"));
        });
        form.findElement(By.tagName("button")).click();
        By calls = By.cssSelector("span.calls[data-function='" + function + "'][data-revision='v1']");
        browser.await(d -> !d.findElements(calls).isEmpty());
        assertEquals("0", browser.text(calls), "no call yet");
        assertTrue(worker.list().containsKey(function), "deployed through the worker API: " + worker.list());

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> call = worker.call("/functions/" + function + "/v1", "Bob");
            assertEquals("Hello Bob", call.body());
        }
        browser.await(d -> "5".equals(d.findElement(calls).getText()));
        browser.await(d -> d.findElement(By.id("running-table")).getText().contains("registry:it-console-" + RUN + "/hello/1.0.0"));
        browser.screenshot("functions-after-calls");
        assertEquals(List.of(), browser.errors());
    }

    @Test
    void aConnectorStoppedFromTheConsoleStops() throws Exception {
        String id = "console-" + RUN;
        String subject = "capa.it." + PORT + ".console." + RUN;
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            nats.jetStreamManagement().addStream(StreamConfiguration.builder().name("CAPA_IT_CONSOLE_" + RUN.toUpperCase())
                    .subjects(subject).storageType(StorageType.Memory).build());
            try {
                HttpResponse<String> deployed = Server.send(Server.request("/v1.0-alpha1/connectors?id=" + id)
                        .header("Content-Type", "application/yaml").POST(BodyPublishers.ofString("""
                                consumer:
                                  nats: { url: "nats://127.0.0.1:4222" }
                                  stream: { subject: "%s" }
                                sink:
                                  type: nats
                                  config: { subject: "%s.out" }
                                """.formatted(subject, subject))));
                assertEquals(201, deployed.statusCode(), deployed.body());

                browser.open("bindings");
                By state = By.cssSelector("span[data-connector='" + id + "']");
                browser.await(d -> "running".equals(d.findElement(state).getText()));
                browser.click(By.xpath("//tr[.//span[@data-connector='" + id + "']]//button[text()='stop']"));
                browser.await(d -> "stopped".equals(d.findElement(state).getText()));
                assertEquals("stopped", status(id).getString("state"), "the API says the connector stopped");
                assertTrue(browser.text(By.id("message")).contains("stop"), browser.text(By.id("message")));
                assertEquals(List.of(), browser.errors());
            } finally {
                try {
                    nats.jetStreamManagement().deleteStream("CAPA_IT_CONSOLE_" + RUN.toUpperCase());
                } catch (JetStreamApiException e) {
                    // already gone
                }
            }
        }
    }

    @Test
    void anActorDeactivatedFromTheConsoleIsNoLongerActive() throws Exception {
        String id = "00-console-" + RUN; // sorts before the ids other tests leave active: on the first page of 50
        HttpResponse<String> call = Actors.post("counter/" + id + "/method/add", "1");
        assertEquals(200, call.statusCode(), call.body());
        assertTrue(activeCounters().contains(id), "active after its call");

        browser.open("actors");
        browser.click(By.cssSelector("button.show-active[data-type='counter']"));
        By row = By.xpath("//table[@id='active-table']//tr[.//span[@class='actor-id' and text()='" + id + "']]");
        browser.await(d -> !d.findElements(row).isEmpty());
        browser.screenshot("actors-active");
        browser.click(By.xpath("//table[@id='active-table']//tr[.//span[@class='actor-id' and text()='" + id
                + "']]//button[text()='Deactivate']"));
        browser.await(d -> d.findElements(row).isEmpty());
        assertTrue(browser.text(By.id("message")).contains("Deactivate"), browser.text(By.id("message")));
        assertFalse(activeCounters().contains(id), "the API says it is no longer active");
        HttpResponse<String> again = Server.send(Server.request("/v1.0-alpha1/actors/counter/" + id + "/activation").DELETE());
        assertEquals(404, again.statusCode(), "not active any more: " + again.body());
        assertEquals("2", Actors.post("counter/" + id + "/method/add", "1").body(), "its state stayed stored");
        assertEquals(List.of(), browser.errors());
    }

    @Test
    void anActorsQueuedCallsAndItsRemindersShowOnTheActorsPage() throws Exception {
        String id = "00-queue-" + RUN; // on the first page of 50, as above
        HttpResponse<String> reminder = Actors.post("counter/" + id + "/reminders/console", "{\"dueTime\":\"1h\",\"period\":\"2h\"}");
        assertEquals(204, reminder.statusCode(), reminder.body());
        // one call holds the turn while the next waits for it: a queue of one, for as long as the page needs to see it
        var running = Actors.CLIENT.sendAsync(Server.request("/v1.0/actors/counter/" + id + "/method/sleep")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("25000")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (long end = System.nanoTime() + 10_000_000_000L; !isBusy(id); Thread.sleep(100)) {
            assertTrue(System.nanoTime() < end, "the sleeping call's turn never started");
        }
        var waiting = Actors.CLIENT.sendAsync(Server.request("/v1.0/actors/counter/" + id + "/method/add")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("1")).build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            browser.open("actors");
            browser.await(d -> !d.findElement(By.cssSelector("span.queued[data-type='counter']")).getText().equals("0"));
            assertTrue(Integer.parseInt(browser.text(By.cssSelector("span.reminders[data-type='counter']"))) >= 1,
                    "the type's reminders count this one");
            browser.click(By.cssSelector("button.show-active[data-type='counter']"));
            By row = By.xpath("//table[@id='active-table']//tr[.//span[@class='actor-id' and text()='" + id + "']]");
            browser.await(d -> d.findElements(row).stream().anyMatch(r -> r.findElement(By.cssSelector("span.queued")).getText().equals("1")));
            String cells = browser.text(row);
            assertTrue(cells.contains("running"), "its turn runs: " + cells);
            browser.screenshot("actors-queued");

            browser.click(By.xpath("//table[@id='active-table']//tr[.//span[@class='actor-id' and text()='" + id
                    + "']]//button[text()='reminders']"));
            By reminderRow = By.xpath("//table[@id='reminders-table']//tr[.//span[@class='reminder-name' and text()='console']]");
            browser.await(d -> !d.findElements(reminderRow).isEmpty());
            String reminderCells = browser.text(reminderRow);
            assertTrue(reminderCells.contains(id) && reminderCells.contains("1h") && reminderCells.contains("2h"),
                    "its due time and period: " + reminderCells);
            browser.screenshot("actors-reminders");
            browser.click(By.cssSelector("button.show-reminders[data-type='counter']"));
            browser.await(d -> d.findElement(By.id("reminders-title")).getText().startsWith("Reminders of counter actors fired here"));
            browser.await(d -> !d.findElements(reminderRow).isEmpty());
            assertEquals(List.of(), browser.errors());
        } finally {
            Actors.delete("counter/" + id + "/reminders/console");
            assertEquals(200, running.get(60, java.util.concurrent.TimeUnit.SECONDS).statusCode());
            assertEquals(200, waiting.get(60, java.util.concurrent.TimeUnit.SECONDS).statusCode());
        }
    }

    private static List<String> activeCounters() throws Exception {
        HttpResponse<String> r = Server.send(Server.request("/v1.0-alpha1/actors/counter/active?limit=1000"));
        assertEquals(200, r.statusCode(), r.body());
        try (var reader = Json.createReader(new StringReader(r.body()))) {
            JsonObject page = reader.readObject();
            assertTrue(page.getInt("total") <= 1000, "one page holds them all: " + page.getInt("total"));
            return page.getJsonArray("ids").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
    }

    /** Whether the counter {@code id} is active and in a turn, as the API says. */
    private static boolean isBusy(String id) throws Exception {
        HttpResponse<String> r = Server.send(Server.request("/v1.0-alpha1/actors/counter/active?limit=1000"));
        assertEquals(200, r.statusCode(), r.body());
        try (var reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readObject().getJsonArray("actors").getValuesAs(JsonObject.class).stream()
                    .anyMatch(a -> a.getString("id").equals(id) && a.getBoolean("busy"));
        }
    }

    private static JsonObject status(String id) throws Exception {
        HttpResponse<String> r = Server.send(HttpRequest.newBuilder(URI.create(Server.base() + "/v1.0-alpha1/connectors/" + id)));
        assertEquals(200, r.statusCode(), r.body());
        try (var reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readObject();
        }
    }
}
