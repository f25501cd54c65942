// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Dapr;
import it.io.capaee.support.RemoteClient;
import it.io.capaee.support.Server;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The attack suite: every attack of the security review, sent by a client that is not on loopback (a network
 * namespace, {@link RemoteClient}) against the server in its default security configuration (no token, loopback
 * trusted, the tests' users of {@code src/test/liberty/capa-users.xml}). Each must be refused with a 4xx
 * problem detail, nothing may be written, and the server must be healthy afterwards. Prints its tally.
 */
class SecurityAttacksIT {
    private static final String ADMIN = basic("it-admin", "it-admin-pw");
    private static final String VIEWER = basic("it-viewer", "it-viewer-pw");
    private static final String NOBODY = basic("it-nobody", "it-nobody-pw");

    /** One attack: a request, and the statuses that count as refused. */
    record Attack(String name, String method, String path, String body, Set<Integer> refused, String... headers) {}

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    static List<Attack> attacks() {
        Set<Integer> unauthorized = Set.of(401);
        Set<Integer> forbidden = Set.of(403);
        String json = "Content-Type";
        return List.of(
                // the Dapr API, anonymous
                new Attack("read state", "GET", "/v1.0/state/statestore/attack-key", null, unauthorized),
                new Attack("write state", "POST", "/v1.0/state/statestore", "[{\"key\":\"attack-key\",\"value\":\"owned\"}]", unauthorized, json, "application/json"),
                new Attack("delete state", "DELETE", "/v1.0/state/statestore/attack-key", null, unauthorized),
                new Attack("state transaction", "POST", "/v1.0/state/statestore/transaction",
                        "{\"operations\":[{\"operation\":\"upsert\",\"request\":{\"key\":\"attack-key\",\"value\":1}}]}", unauthorized, json, "application/json"),
                new Attack("take a lock for a century", "POST", "/v1.0-alpha1/lock/lockstore",
                        "{\"resourceId\":\"attack-lock\",\"lockOwner\":\"attacker\",\"expiryInSeconds\":3153600000}", unauthorized, json, "application/json"),
                new Attack("dump the configuration store", "GET", "/v1.0/configuration/configstore", null, unauthorized),
                new Attack("subscribe to configuration", "GET", "/v1.0/configuration/configstore/subscribe", null, unauthorized),
                new Attack("delete a JetStream stream through the NATS binding", "POST", "/v1.0/bindings/nats",
                        "{\"operation\":\"request\",\"data\":\"\",\"metadata\":{\"subject\":\"$JS.API.STREAM.DELETE.ATTACK\"}}", unauthorized, json, "application/json"),
                new Attack("write into the input-binding topic through Kafka", "POST", "/v1.0/bindings/kafka",
                        "{\"operation\":\"create\",\"data\":\"x\",\"metadata\":{\"topic\":\"capa-input\"}}", unauthorized, json, "application/json"),
                new Attack("fill the memory binding", "POST", "/v1.0/bindings/memory",
                        "{\"operation\":\"create\",\"data\":\"x\",\"metadata\":{\"key\":\"attack\"}}", unauthorized, json, "application/json"),
                new Attack("publish", "POST", "/v1.0/publish/pubsub/attack-topic", "{}", unauthorized, json, "application/json"),
                new Attack("bulk publish", "POST", "/v1.0-alpha1/publish/bulk/pubsub/attack-topic", "[]", unauthorized, json, "application/json"),
                new Attack("a 1ns actor timer", "POST", "/v1.0/actors/counter/attack-actor/timers/burn",
                        "{\"dueTime\":\"0s\",\"period\":\"1ns\",\"callback\":\"turn\"}", unauthorized, json, "application/json"),
                new Attack("an actor reminder", "POST", "/v1.0/actors/counter/attack-actor/reminders/burn",
                        "{\"dueTime\":\"0s\",\"period\":\"1ns\"}", unauthorized, json, "application/json"),
                new Attack("call an actor", "PUT", "/v1.0/actors/counter/attack-actor/method/turn", "1", unauthorized),
                new Attack("read a secret", "GET", "/v1.0/secrets/envstore/PATH", null, unauthorized),
                new Attack("list the metadata", "GET", "/v1.0/metadata", null, unauthorized),
                new Attack("list actor types", "GET", "/v1.0/actors", null, unauthorized),
                new Attack("relay an admin call through service invocation", "POST", "/v1.0/invoke/loop/method/memory/functions/registration",
                        "{\"function\":\"attack\",\"revision\":\"default\",\"url\":\"http://127.0.0.1:1\"}", unauthorized, json, "application/json"),
                new Attack("call an RPC service", "POST", "/v1.0-alpha1/rpc/capa.Gateway/services", "", unauthorized),
                new Attack("drop a table through the database API", "POST", "/v1.0-alpha1/database/pg/exec",
                        "{\"sql\":\"DROP TABLE attack\"}", unauthorized, json, "application/json"),
                new Attack("read a table through the database API", "POST", "/v1.0-alpha1/database/maria/query",
                        "{\"sql\":\"SELECT 1\"}", unauthorized, json, "application/json"),
                new Attack("a database transaction", "POST", "/v1.0-alpha1/database/pg/transaction",
                        "{\"statements\":[{\"sql\":\"DROP TABLE attack\"}]}", unauthorized, json, "application/json"),
                new Attack("a database call in Dapr's binding shape", "POST", "/v1.0-alpha1/database/pg",
                        "{\"operation\":\"exec\",\"metadata\":{\"sql\":\"DROP TABLE attack\"}}", unauthorized, json, "application/json"),
                new Attack("schedule a job that calls back every 100 ms", "POST", "/v1.0-alpha1/jobs/attack-job",
                        "{\"schedule\":\"@every 100ms\",\"data\":\"x\"}", unauthorized, json, "application/json"),
                new Attack("list the jobs", "GET", "/v1.0-alpha1/jobs", null, unauthorized),
                new Attack("delete a job", "DELETE", "/v1.0-alpha1/jobs/attack-job", null, unauthorized),
                new Attack("write a file", "PUT", "/v1.0-alpha1/files/local/attack.txt", "owned", unauthorized, json, "text/plain"),
                new Attack("list the files", "GET", "/v1.0-alpha1/files/local", null, unauthorized),
                new Attack("shut the server down", "POST", "/v1.0/shutdown", "", unauthorized),
                new Attack("set a metadata attribute", "PUT", "/v1.0/metadata/attack", "owned", unauthorized, json, "text/plain"),
                new Attack("query a state store", "POST", "/v1.0-alpha1/state/statestore/query",
                        "{\"filter\":{\"EQ\":{\"x\":\"y\"}}}", unauthorized, json, "application/json"),
                new Attack("publish to RabbitMQ through its binding", "POST", "/v1.0/bindings/rabbitmq",
                        "{\"operation\":\"create\",\"data\":\"x\",\"metadata\":{\"routingKey\":\"capa.it.attack\"}}", unauthorized, json, "application/json"),
                // admin operations and listings, anonymous
                new Attack("register a proxy route", "POST", "/memory/functions/registration",
                        "{\"function\":\"attack\",\"revision\":\"default\",\"url\":\"http://127.0.0.1:1\"}", unauthorized, json, "application/json"),
                new Attack("remove a proxy route", "DELETE", "/memory/functions/registration", "{\"function\":\"wasmhello\"}", unauthorized, json, "application/json"),
                new Attack("list proxy routes", "GET", "/memory/functions/list", null, unauthorized),
                new Attack("deploy a connector", "POST", "/v1.0-alpha1/connectors", "id: attack\n", unauthorized, json, "application/yaml"),
                new Attack("list connectors", "GET", "/v1.0-alpha1/connectors", null, unauthorized),
                new Attack("list functions", "GET", "/wasm/functions", null, unauthorized),
                new Attack("list the worker's functions and their environment", "GET", "/wasm/worker/functions/list", null, unauthorized),
                new Attack("deploy through the worker", "POST", "/wasm/worker/functions/deploy",
                        "{\"function\":\"attack\",\"revision\":\"v1\",\"wasmUrl\":\"http://127.0.0.1:1/x.wasm\"}", unauthorized, json, "application/json"),
                new Attack("remove a worker revision", "DELETE", "/wasm/worker/functions/revisions/deployments",
                        "{\"function\":\"attack\",\"revision\":\"v1\"}", unauthorized, json, "application/json"),
                new Attack("upload a module", "POST", "/registry/upload/attack/mod/1", "x", unauthorized, json, "multipart/form-data; boundary=x"),
                new Attack("delete a module", "DELETE", "/registry/attack/mod/1", null, unauthorized),
                new Attack("list the registry", "GET", "/registry/modules", null, unauthorized),
                // the console's viewer-level reads and its admin action on actors, anonymous
                new Attack("read the server's overview", "GET", "/v1.0-alpha1/overview", null, unauthorized),
                new Attack("list the active actors of a type", "GET", "/v1.0-alpha1/actors/counter/active", null, unauthorized),
                new Attack("list a type's reminders", "GET", "/v1.0-alpha1/actors/counter/reminders", null, unauthorized),
                new Attack("read an actor's reminders", "GET", "/v1.0-alpha1/actors/counter/attack-actor/reminders", null, unauthorized),
                new Attack("deactivate an actor", "DELETE", "/v1.0-alpha1/actors/counter/attack-actor/activation", null, unauthorized),
                new Attack("list the RPC services and their schemas", "GET", "/v1.0-alpha1/rpc/services", null, unauthorized),
                new Attack("list the input bindings and their counts", "GET", "/v1.0-alpha1/bindings/inbound", null, unauthorized),
                // wrong or insufficient credentials
                new Attack("a wrong Dapr API token", "GET", "/v1.0/state/statestore/attack-key", null, unauthorized, "dapr-api-token", "guess"),
                new Attack("a wrong admin token", "POST", "/memory/functions/registration",
                        "{\"function\":\"attack\",\"revision\":\"default\",\"url\":\"http://127.0.0.1:1\"}", forbidden, "X-Capa-Admin-Token", "guess", json, "application/json"),
                new Attack("a wrong password", "GET", "/wasm/functions", null, forbidden, "Authorization", basic("it-admin", "guess")),
                new Attack("a user in no role lists functions", "GET", "/wasm/functions", null, forbidden, "Authorization", NOBODY),
                new Attack("a viewer registers a route", "POST", "/memory/functions/registration",
                        "{\"function\":\"attack\",\"revision\":\"default\",\"url\":\"http://127.0.0.1:1\"}", forbidden, "Authorization", VIEWER, json, "application/json"),
                new Attack("a viewer reads state", "GET", "/v1.0/state/statestore/attack-key", null, forbidden, "Authorization", VIEWER),
                new Attack("a viewer drops a table", "POST", "/v1.0-alpha1/database/pg/exec",
                        "{\"sql\":\"DROP TABLE attack\"}", forbidden, "Authorization", VIEWER, json, "application/json"),
                new Attack("a viewer deactivates an actor", "DELETE", "/v1.0-alpha1/actors/counter/attack-actor/activation", null,
                        forbidden, "Authorization", VIEWER),
                new Attack("a viewer reads a table", "POST", "/v1.0-alpha1/database/maria/query",
                        "{\"sql\":\"SELECT 1\"}", forbidden, "Authorization", VIEWER, json, "application/json"),
                new Attack("a user in no role reads the overview", "GET", "/v1.0-alpha1/overview", null, forbidden, "Authorization", NOBODY),
                new Attack("a viewer uploads a module", "POST", "/registry/upload/attack/mod/1", "x", forbidden, "Authorization", VIEWER,
                        json, "multipart/form-data; boundary=x"),
                // what even a caller with the right to the API may not do
                new Attack("a 1ns actor timer, as an admin", "POST", "/v1.0/actors/counter/attack-actor/timers/burn",
                        "{\"dueTime\":\"0s\",\"period\":\"1ns\",\"callback\":\"turn\"}", Set.of(400), "Authorization", ADMIN,
                        json, "application/json"),
                new Attack("a 1ms actor reminder, as an admin", "POST", "/v1.0/actors/counter/attack-actor/reminders/burn",
                        "{\"dueTime\":\"0s\",\"period\":\"1ms\"}", Set.of(400), "Authorization", ADMIN, json, "application/json"),
                new Attack("delete a JetStream stream through the NATS binding, as an admin", "POST", "/v1.0/bindings/nats",
                        "{\"operation\":\"request\",\"data\":\"\",\"metadata\":{\"subject\":\"$JS.API.STREAM.DELETE.ATTACK\"}}",
                        forbidden, "Authorization", ADMIN, json, "application/json"),
                new Attack("write into Kafka's internal topics, as an admin", "POST", "/v1.0/bindings/kafka",
                        "{\"operation\":\"create\",\"data\":\"x\",\"metadata\":{\"topic\":\"__consumer_offsets\"}}",
                        forbidden, "Authorization", ADMIN, json, "application/json"),
                new Attack("reply to another client through RabbitMQ's direct reply-to, as an admin", "POST", "/v1.0/bindings/rabbitmq",
                        "{\"operation\":\"create\",\"data\":\"x\",\"metadata\":{\"routingKey\":\"amq.rabbitmq.reply-to\"}}",
                        forbidden, "Authorization", ADMIN, json, "application/json"),
                new Attack("take a lock for a century, as an admin", "POST", "/v1.0-alpha1/lock/lockstore",
                        "{\"resourceId\":\"attack-lock\",\"lockOwner\":\"attacker\",\"expiryInSeconds\":3153600000}",
                        Set.of(400), "Authorization", ADMIN, json, "application/json"),
                new Attack("climb out of a route with encoded dot segments", "GET", "/functions/wasmhello/%2e%2e/%2E%2e/memory/functions/list",
                        null, Set.of(400)),
                new Attack("climb out of an invoked app with dot segments, as an admin", "GET",
                        "/v1.0/invoke/loop/method/x/%2e%2e/%2e%2e/memory/functions/list", null, Set.of(400), "Authorization", ADMIN),
                new Attack("a loopback client named by X-Forwarded-For", "POST", "/memory/functions/registration",
                        "{\"function\":\"attack\",\"revision\":\"default\",\"url\":\"http://127.0.0.1:1\"}", unauthorized, "X-Forwarded-For", "127.0.0.1",
                        json, "application/json"));
    }

    @Test
    void everyAttackFromAStrangerIsRefusedAndNothingIsWritten() throws Exception {
        List<String> failures = new ArrayList<>();
        int refused = 0;
        List<Attack> attacks = attacks();
        for (Attack attack : attacks) {
            RemoteClient.Answer answer = RemoteClient.send(attack.method(), attack.path(), attack.body(), attack.headers());
            if (attack.refused().contains(answer.status()) && answer.isProblem()) {
                refused++;
            } else {
                failures.add(attack.name() + ": " + answer);
            }
        }
        int writes = writesThatGotThrough();
        System.out.printf("security attack suite: %d attacks tried, %d refused, %d writes got through%n", attacks.size(), refused, writes);
        assertTrue(failures.isEmpty(), "not refused as expected:\n" + String.join("\n", failures));
        assertEquals(0, writes, "writes that got through");
        assertEquals(200, Server.get("/health/live").statusCode(), "the server is healthy afterwards");
    }

    /** Looks from loopback for anything the attacks could have written. */
    private static int writesThatGotThrough() throws Exception {
        int writes = 0;
        writes += Server.get("/v1.0/state/statestore/attack-key").statusCode() == 204 ? 0 : 1;
        writes += Server.get("/memory/functions/list").body().contains("\"attack\"") ? 1 : 0;
        writes += Server.get("/registry/info/attack/mod/1").statusCode() == 404 ? 0 : 1;
        writes += Server.get("/wasm/worker/functions/list").body().contains("attack") ? 1 : 0;
        writes += Server.get("/v1.0/actors/counter/attack-actor/state/count").statusCode() / 100 == 2
                && !Server.get("/v1.0/actors/counter/attack-actor/state/count").body().isEmpty() ? 1 : 0;
        HttpResponse<String> lock = Server.send(Server.request("/v1.0-alpha1/lock/lockstore").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"resourceId\":\"attack-lock\",\"lockOwner\":\"owner\",\"expiryInSeconds\":5}")));
        writes += lock.body().contains("true") ? 0 : 1;
        Server.send(Server.request("/v1.0-alpha1/unlock/lockstore").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"resourceId\":\"attack-lock\",\"lockOwner\":\"owner\"}")));
        return writes;
    }

    @Test
    void rawDotSegmentsNeverLeaveTheReverseProxy() throws Exception {
        // Liberty resolves raw dot segments before any application sees the path (encoded ones are the
        // proxy's to refuse, in the attack list): the result must still be no route listing
        RemoteClient.Answer answer = RemoteClient.get("/functions/wasmhello/../../memory/functions/list");
        assertEquals(404, answer.status(), answer.toString());
        assertFalse(answer.body().contains("wasmhello"), answer.toString());
    }

    @Test
    void publicApisStayOpenToStrangers() throws Exception {
        assertEquals(204, RemoteClient.get("/v1.0/healthz").status());
        RemoteClient.Answer missing = RemoteClient.get("/wasm/functions/no-such-function");
        assertEquals(404, missing.status(), missing.toString());
        assertTrue(missing.isProblem(), missing.toString());
        assertEquals(200, RemoteClient.get("/health/live").status());
    }

    @Test
    void rolesAndTokensOpenWhatTheyGrant() throws Exception {
        assertEquals(200, RemoteClient.get("/wasm/functions", "Authorization", VIEWER).status());
        assertEquals(200, RemoteClient.get("/memory/functions/list", "Authorization", VIEWER).status());
        assertEquals(200, RemoteClient.get("/registry/modules", "Authorization", ADMIN).status());
        RemoteClient.Answer state = RemoteClient.get("/v1.0/state/statestore/no-such-key", "Authorization", ADMIN);
        assertEquals(204, state.status(), state.toString());
    }

    @Test
    void aViewerReadsWhatTheConsoleShowsAndAnAdminActsOnAnActor() throws Exception {
        List<String> refused = new ArrayList<>();
        for (String path : new String[] {"/v1.0-alpha1/overview", "/v1.0-alpha1/actors/counter/active", "/v1.0-alpha1/actors/counter/reminders",
                "/v1.0-alpha1/actors/counter/attack-actor/reminders", "/v1.0-alpha1/rpc/services", "/v1.0-alpha1/bindings/inbound"}) {
            RemoteClient.Answer read = RemoteClient.get(path, "Authorization", VIEWER);
            if (read.status() != 200) {
                refused.add(path + ": " + read);
            }
        }
        assertEquals(List.of(), refused, "a viewer's reads that were not answered");
        // past the check, as an admin: the actor is not active
        RemoteClient.Answer deactivate = RemoteClient.send("DELETE", "/v1.0-alpha1/actors/counter/attack-actor/activation", (String) null,
                "Authorization", ADMIN);
        assertEquals(404, deactivate.status(), deactivate.toString());
        assertTrue(deactivate.body().contains("ERR_ACTOR_INSTANCE_MISSING"), deactivate.toString());
    }

    @Test
    void theGrpcApiRefusesACallerOffLoopbackWithoutCredentialsAsTheHttpApiDoes() throws Exception {
        String headers = RemoteClient.grpcHeaders("dapr.proto.runtime.v1.Dapr/GetMetadata");
        assertTrue(headers.contains("grpc-status: 16"), "UNAUTHENTICATED: " + headers);
        assertTrue(headers.contains("dapr-api-token"), headers);
    }

    @Test
    void aRefusalTellsWhatIsNeededWithoutInternals() throws Exception {
        RemoteClient.Answer answer = RemoteClient.get("/v1.0/metadata");
        assertEquals(401, answer.status());
        assertTrue(answer.body().contains("\"errorCode\":\"ERR_API_TOKEN\""), answer.body());
        assertTrue(answer.body().contains("dapr-api-token"), answer.body());
        assertFalse(answer.body().contains("Exception"), answer.body());
    }
}
