// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.jobs;

import static it.io.capaee.support.Dapr.assertError;
import static it.io.capaee.support.Dapr.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import it.io.capaee.support.AppPort;
import it.io.capaee.support.Dapr;
import it.io.capaee.support.Deliveries;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The schedule API ({@code /v1.0-alpha1/jobs}) on the test server: jobs delivered to the application on
 * {@code capa.app.url} (Dapr's callback {@code POST /job/<name>}) and to an actor method, their repeats,
 * and the errors. Job names are unique to the run; every job a test leaves is deleted at the end.
 */
@ResourceLock(value = SharedResources.ACTORS, mode = ResourceAccessMode.READ)
@ResourceLock(SharedResources.APP_PORT)
class JobsIT {
    private static final String JOBS = "/v1.0-alpha1/jobs/";
    private static final List<String> scheduled = new ArrayList<>();
    private static final Deliveries deliveries = new Deliveries();
    private static HttpServer app;

    @BeforeAll
    static void startApp() throws Exception {
        app = AppPort.server();
        // the job callback: the path after /job/ is the job's name
        app.createContext("/job/", x -> deliveries.record(x, x.getRequestURI().getPath().substring("/job/".length()), 200, ""));
        app.start();
    }

    @AfterAll
    static void stopApp() throws Exception {
        for (String name : scheduled) {
            Dapr.delete(JOBS + name, null);
        }
        app.stop(0);
    }

    private static HttpResponse<String> schedule(String name, String body) throws Exception {
        scheduled.add(name);
        return post(JOBS + name, body);
    }

    @Test
    void aJobWithAShortDueTimeIsDeliveredToTheApplicationWithItsDataAndThenRemoved() throws Exception {
        String name = Dapr.unique("once");
        Instant before = Instant.now();
        HttpResponse<String> r = schedule(name, "{\"dueTime\":\"1s\",\"data\":{\"order\":42}}");
        assertEquals(204, r.statusCode(), r.body());
        String seen = deliveries.queue(name).poll(20, TimeUnit.SECONDS);
        assertEquals("application/json {\"order\":42}", seen);
        assertTrue(Duration.between(before, Instant.now()).toMillis() >= 1000, "not before its due time");
        Server.await(JOBS + name, res -> res.statusCode() == 404, Duration.ofSeconds(10));
        TimeUnit.SECONDS.sleep(2);
        assertEquals(1, deliveries.calls(name), "a job without a schedule fires once");
    }

    @Test
    void aScheduledJobFiresAsOftenAsItsRepeatsSay() throws Exception {
        String name = Dapr.unique("thrice");
        assertEquals(204, schedule(name, "{\"schedule\":\"@every 1s\",\"repeats\":3,\"data\":\"tick\"}").statusCode());
        for (int i = 0; i < 3; i++) {
            assertEquals("application/json \"tick\"", deliveries.queue(name).poll(20, TimeUnit.SECONDS), "firing " + (i + 1));
        }
        Server.await(JOBS + name, res -> res.statusCode() == 404, Duration.ofSeconds(10));
        TimeUnit.SECONDS.sleep(3);
        assertEquals(3, deliveries.calls(name));
    }

    @Test
    void aJobCanCallAnActorMethod() throws Exception {
        String id = Dapr.unique("jobs");
        String actor = "/v1.0/actors/counter/" + id + "/method/";
        String name = Dapr.unique("to-actor");
        assertEquals(204, schedule(name, "{\"dueTime\":\"PT0.5S\",\"data\":5,\"target\":\"actor:counter/" + id + "/add\"}").statusCode());
        HttpResponse<String> count = Server.await(actor + "get", () -> post(actor + "get", ""),
                res -> res.body().strip().equals("5"), Duration.ofSeconds(20));
        assertEquals("5", count.body().strip());
    }

    @Test
    void aJobCanFeedAnOutputBinding() throws Exception {
        String name = Dapr.unique("to-binding");
        assertEquals(204, schedule(name, "{\"dueTime\":\"PT0.5S\",\"data\":{\"k\":\"v\"},\"target\":\"binding:memory\"}").statusCode());
        String get = "{\"operation\":\"get\",\"metadata\":{\"key\":\"" + name + "\"}}";
        HttpResponse<String> entry = Server.await("/v1.0/bindings/memory", () -> post("/v1.0/bindings/memory", get),
                res -> res.statusCode() == 200 && !res.body().isEmpty(), Duration.ofSeconds(20));
        assertEquals("{\"k\":\"v\"}", entry.body());
        post("/v1.0/bindings/memory", "{\"operation\":\"delete\",\"metadata\":{\"key\":\"" + name + "\"}}");
    }

    @Test
    void jobsAreListedReadAndDeleted() throws Exception {
        String name = Dapr.unique("later");
        assertEquals(204, schedule(name, "{\"schedule\":\"0 0 * * * *\",\"dueTime\":\"1h\",\"ttl\":\"48h\",\"data\":{\"a\":[1,2]},"
                + "\"target\":\"/job/" + name + "\"}").statusCode());
        HttpResponse<String> got = Server.get(JOBS + name);
        assertEquals(200, got.statusCode(), got.body());
        JsonObject job = Dapr.json(got.body()).asJsonObject();
        assertEquals(name, job.getString("name"));
        assertEquals("0 0 * * * *", job.getString("schedule"));
        assertEquals("1h", job.getString("dueTime"));
        assertEquals("{\"a\":[1,2]}", job.get("data").toString());
        assertEquals(0, job.getInt("fired"));
        assertTrue(Instant.parse(job.getString("next")).isAfter(Instant.now().plusSeconds(3000)), got.body());

        HttpResponse<String> list = Server.get("/v1.0-alpha1/jobs");
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(Dapr.json(list.body()).asJsonObject().getJsonArray("jobs").stream()
                .anyMatch(j -> j.asJsonObject().getString("name").equals(name)), list.body());

        assertError(schedule(name, "{\"dueTime\":\"2h\"}"), 409, "ERR_JOB_EXISTS");
        assertEquals(204, schedule(name, "{\"dueTime\":\"2h\",\"overwrite\":true}").statusCode());
        assertEquals(204, Dapr.delete(JOBS + name, null).statusCode());
        assertError(Server.get(JOBS + name), 404, "ERR_JOB_NOT_FOUND");
        assertError(Dapr.delete(JOBS + name, null), 404, "ERR_JOB_NOT_FOUND");
        assertEquals(0, deliveries.calls(name));
    }

    @Test
    void aBadJobIsRefusedWithAProblemNamingTheField() throws Exception {
        String name = Dapr.unique("bad");
        assertTrue(assertError(schedule(name, "{\"schedule\":\"61 * * * *\"}"), 400, "ERR_MALFORMED_REQUEST")
                .getString("detail").contains("'schedule'"));
        assertTrue(assertError(schedule(name, "{\"dueTime\":\"soon\"}"), 400, "ERR_MALFORMED_REQUEST")
                .getString("detail").contains("'dueTime'"));
        assertTrue(assertError(schedule(name, "{\"schedule\":\"@daily\",\"repeats\":\"twice\"}"), 400, "ERR_MALFORMED_REQUEST")
                .getString("detail").contains("'repeats'"));
        assertTrue(assertError(schedule(name, "{\"dueTime\":\"1s\",\"target\":\"function:\"}"), 400, "ERR_MALFORMED_REQUEST")
                .getString("detail").contains("'target'"));
        assertTrue(assertError(schedule(name, "{\"dueTime\":\"1h\",\"ttl\":\"1m\"}"), 400, "ERR_MALFORMED_REQUEST")
                .getString("detail").contains("'ttl'"));
        assertError(Server.get(JOBS + name), 404, "ERR_JOB_NOT_FOUND");
        assertError(Server.get(JOBS + Dapr.unique("never")), 404, "ERR_JOB_NOT_FOUND");
    }
}
