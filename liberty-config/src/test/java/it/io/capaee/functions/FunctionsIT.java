// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Server;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Capsule modules dropped into the running server's functions directory, called over HTTP. */
class FunctionsIT {
    @BeforeAll
    static void deployGuests() throws Exception {
        Server.drop("hello-http", "hello.wasm");
        Server.drop("hello-http-v9", "hello/v9.wasm");
        Server.drop("hostcalls", "hostcalls.wasm");
        Server.await("/wasm/functions", r -> r.body().contains("\"revision\":\"v9\"") && r.body().contains("\"name\":\"hello\"")
                && r.body().contains("\"name\":\"hostcalls\""), Duration.ofSeconds(30));
    }

    @AfterAll
    static void removeGuests() throws Exception {
        Server.removeDropped("hello.wasm", "hello/v9.wasm", "hostcalls.wasm", "swap.wasm", "keeper.wasm");
    }

    @Test
    void listingShowsEachRevisionWithItsAbiGeneration() throws Exception {
        String body = Server.get("/wasm/functions").body();
        assertTrue(body.contains("\"abi\":\"0.1.3\""), body);
        assertTrue(body.contains("\"abi\":\"0.1.9\""), body);
        assertTrue(body.contains("\"compiled\":true"), body);
    }

    @Test
    void getReachesTheGuestWithCapsulesEmptyBody() throws Exception {
        HttpResponse<String> r = Server.get("/wasm/functions/hello");
        assertEquals(200, r.statusCode());
        assertEquals("Hello empty", r.body());
        assertEquals("capsule-0.1.3", r.headers().firstValue("X-Guest").orElse(""));
        assertEquals("hello", r.headers().firstValue("Message").orElse(""));
    }

    @Test
    void postedJsonIsReserialisedWithSortedKeys() throws Exception {
        HttpResponse<String> r = Server.send(Server.request("/wasm/functions/hello")
                .header("Content-Type", "application/json")
                .header("X-Reply-Mode", "echo")
                .header("X-Reply-Type", "application/json; charset=utf-8")
                .POST(BodyPublishers.ofString("{\"message\": \"Golang \uD83D\uDC9A wasm\", \"author\": \"Philippe\"}")));
        assertEquals(200, r.statusCode());
        assertEquals("{\"author\":\"Philippe\",\"message\":\"Golang \uD83D\uDC9A wasm\"}", r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void aNamedRevisionOfTheNewerAbiSeesMethodAndQuery() throws Exception {
        HttpResponse<String> r = Server.send(Server.request("/wasm/functions/hello/v9?name=bob")
                .header("X-Reply-Mode", "request")
                .POST(BodyPublishers.ofString("hi")));
        assertEquals(200, r.statusCode());
        assertEquals("method=POST uri=/?name=bob body=hi", r.body());
        assertEquals("capsule-0.1.9", r.headers().firstValue("X-Guest").orElse(""));
    }

    @Test
    void aGuestErrorIsA500WithTheMessage() throws Exception {
        HttpResponse<String> r = Server.send(Server.request("/wasm/functions/hello")
                .header("X-Reply-Mode", "error").POST(BodyPublishers.ofString("boom")));
        assertEquals(500, r.statusCode());
        assertEquals("boom", r.body());
        HttpResponse<String> json = Server.send(Server.request("/wasm/functions/hello")
                .header("X-Reply-Mode", "error").header("X-Reply-Type", "application/json")
                .POST(BodyPublishers.ofString("boom")));
        assertEquals(500, json.statusCode());
        assertEquals("{\"error\":\"boom\",\"from\":\"host\"}", json.body());
    }

    @Test
    void aTrappingGuestGetsAProblemResponseNotAClosedConnection() throws Exception {
        HttpResponse<String> r = Server.send(Server.request("/wasm/functions/hello")
                .header("X-Reply-Mode", "trap").POST(BodyPublishers.ofString("x")));
        assertEquals(500, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().contains("trapped"), r.body());
        // the function still works afterwards
        assertEquals(200, Server.get("/wasm/functions/hello").statusCode());
    }

    @Test
    void unknownFunctionsAndRevisionsAre404Problems() throws Exception {
        HttpResponse<String> r = Server.get("/wasm/functions/nope");
        assertEquals(404, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().contains("no function named 'nope'"), r.body());
        HttpResponse<String> rev = Server.get("/wasm/functions/hello/nope");
        assertEquals(404, rev.statusCode());
        assertTrue(rev.body().contains("has no revision 'nope'"), rev.body());
    }

    @Test
    void anOversizeBodyIs413AndNeverReachesTheGuest() throws Exception {
        byte[] big = new byte[8 * 1024 * 1024 + 1];
        HttpResponse<String> r = Server.send(Server.request("/wasm/functions/hello").POST(BodyPublishers.ofByteArray(big)));
        assertEquals(413, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void aReplacedModuleIsPickedUpWithoutRestart() throws Exception {
        Server.drop("hello-http", "swap.wasm");
        Server.await("/wasm/functions/swap", r -> r.statusCode() == 200 && r.headers().firstValue("X-Guest").orElse("").equals("capsule-0.1.3"),
                Duration.ofSeconds(20));
        Server.drop("hello-http-v9", "swap.wasm");
        Server.await("/wasm/functions/swap", r -> r.headers().firstValue("X-Guest").orElse("").equals("capsule-0.1.9"), Duration.ofSeconds(20));
        Files.delete(Server.functionsDir().resolve("swap.wasm"));
        Server.await("/wasm/functions/swap", r -> r.statusCode() == 404, Duration.ofSeconds(20));
    }

    @Test
    void anInvalidModuleIsReportedAndDoesNotReplaceTheWorkingOne() throws Exception {
        Server.drop("hello-http", "keeper.wasm");
        Server.await("/wasm/functions/keeper", r -> r.statusCode() == 200, Duration.ofSeconds(20));
        Server.drop("invalid", "keeper.wasm");
        Server.await("/wasm/functions", r -> r.body().contains("\"failures\":[{") && r.body().contains("keeper"), Duration.ofSeconds(20));
        assertEquals(200, Server.get("/wasm/functions/keeper").statusCode());
    }

    @Test
    void aFunctionNamedInConfigurationIsDeployedAtStart() throws Exception {
        HttpResponse<String> r = Server.send(Server.request("/wasm/functions/from-config").header("X-Reply-Mode", "request")
                .POST(BodyPublishers.ofString("cfg")));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("method=POST uri=/ body=cfg", r.body());
    }

    @Test
    void metricsCountInvocationsPerFunction() throws Exception {
        Server.get("/wasm/functions/hello");
        String metrics = Server.get("/metrics?scope=application").body();
        assertTrue(metrics.contains("capa_function_invocations_total{function=\"hello\""), metrics);
    }
}
