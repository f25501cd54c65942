// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.SecondServer;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console of a server with an admin token configured, so that loopback is no longer trusted for the viewer
 * and admin levels: the console asks for credentials, a viewer (HTTP Basic, the tests' users file) sees every
 * action disabled and, when one is forced, the API's 403 as a message with nothing changed; the admin token
 * opens the actions. A viewer lists active actors and RPC services but may not deactivate an actor.
 */
@ResourceLock(SharedResources.EXTRA_SERVER_A)
class ConsoleViewerIT {
    private static final String TOKEN = "console-admin-token";
    private static SecondServer server;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        server = SecondServer.start("capa-console", 18, Map.of("capa.admin.token", TOKEN, "capa.kv.backend", "memory"));
        browser = new ConsoleBrowser(server.base);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void aViewerSeesActionsDisabledAndGetsTheApisRefusalWhenForcingOne() throws Exception {
        browser.driver().get(server.base + "/console/#proxy");
        browser.await(d -> d.findElement(By.id("login")).isDisplayed());
        logIn("it-viewer", "it-viewer-pw", null);
        browser.awaitLoaded("proxy");
        assertTrue(browser.find(By.id("who")).getText().contains("viewer"), browser.find(By.id("who")).getText());
        WebElement add = browser.find(By.cssSelector("#route-form button"));
        assertFalse(add.isEnabled(), "a viewer's add route is disabled");
        browser.screenshot("viewer-proxy");

        // forced as a page's own script could: the form filled and sent though its button is disabled
        browser.script("""
                const f = document.getElementById('route-form');
                f.elements.function.value = 'console-viewer';
                f.elements.revision.value = 'v1';
                f.elements.url.value = 'http://127.0.0.1:1/';
                f.requestSubmit();
                """);
        browser.await(d -> d.findElement(By.id("message")).getText().contains("403"));
        HttpResponse<String> routes = Server.send(HttpRequest.newBuilder(URI.create(server.base + "/memory/functions/list"))
                .header("Authorization", "Bearer " + TOKEN));
        assertEquals(200, routes.statusCode(), routes.body());
        assertFalse(routes.body().contains("console-viewer"), "nothing was registered: " + routes.body());

        browser.find(By.id("logout")).click();
        browser.await(d -> d.findElement(By.id("login")).isDisplayed());
        logIn(null, null, TOKEN);
        browser.awaitLoaded("proxy");
        assertTrue(browser.find(By.cssSelector("#route-form button")).isEnabled(), "the admin token opens the actions");
    }

    @Test
    void withoutCredentialsTheConsoleAsksForThemAndShowsNoData() throws Exception {
        browser.driver().get(server.base + "/console/#overview");
        browser.script("sessionStorage.clear()"); // what the tab's other test may have left
        browser.driver().navigate().refresh();
        browser.await(d -> d.findElement(By.id("login")).isDisplayed());
        assertFalse(browser.find(By.id("pages")).isDisplayed());
        logIn("it-viewer", "wrong", null);
        browser.await(d -> d.findElement(By.id("message")).getText().contains("403"));
        assertTrue(browser.find(By.id("login")).isDisplayed(), "a refused log-in stays on the form");
    }

    @Test
    void aViewerListsActiveActorsRemindersAndRpcServicesButMayNotDeactivateAnActor() throws Exception {
        String viewer = "Basic " + java.util.Base64.getEncoder().encodeToString("it-viewer:it-viewer-pw".getBytes());
        HttpResponse<String> active = Server.send(HttpRequest.newBuilder(URI.create(server.base + "/v1.0-alpha1/actors/nosuch/active"))
                .header("Authorization", viewer));
        assertEquals(404, active.statusCode(), "past the access check, an unknown type: " + active.body());
        assertTrue(active.body().contains("ERR_ACTOR_INSTANCE_MISSING") && active.body().contains("nosuch"), active.body());
        for (String path : new String[] {"/v1.0-alpha1/actors/nosuch/reminders", "/v1.0-alpha1/actors/nosuch/a/reminders"}) {
            HttpResponse<String> reminders = Server.send(HttpRequest.newBuilder(URI.create(server.base + path)).header("Authorization", viewer));
            assertEquals(404, reminders.statusCode(), path + ": " + reminders.body());
            assertTrue(reminders.body().contains("ERR_ACTOR_INSTANCE_MISSING"), path + ": " + reminders.body());
        }
        HttpResponse<String> rpc = Server.send(HttpRequest.newBuilder(URI.create(server.base + "/v1.0-alpha1/rpc/services"))
                .header("Authorization", viewer));
        assertEquals(200, rpc.statusCode(), rpc.body());
        assertTrue(rpc.body().contains("capa.Gateway") && rpc.body().contains("interface Gateway"), rpc.body());
        HttpResponse<String> deactivate = Server.send(HttpRequest.newBuilder(
                URI.create(server.base + "/v1.0-alpha1/actors/nosuch/a/activation")).header("Authorization", viewer).DELETE());
        assertEquals(403, deactivate.statusCode(), deactivate.body());
    }

    private static void logIn(String user, String password, String token) {
        WebElement form = browser.find(By.id("login-form"));
        if (token != null) {
            form.findElement(By.id("login-token")).sendKeys(token);
        } else {
            form.findElement(By.id("login-user")).clear();
            form.findElement(By.id("login-user")).sendKeys(user);
            form.findElement(By.id("login-password")).sendKeys(password);
        }
        form.findElement(By.id("login-submit")).click();
    }
}
