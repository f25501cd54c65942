// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.Nats;
import it.io.capaee.support.SecondServer;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Liberty's Admin Center and REST connector turned on exactly as docs/operations.md shows: its XML, read from the
 * page, goes into a second server's configDropins. Over HTTPS, the REST connector's own HTTP API lists the
 * {@code io.capaee} MBeans, reads a connector's counters and stops and starts it for an administrator (capa-admin);
 * a reader (capa-viewer) reads but cannot act; a user in neither group and a request without credentials get
 * nothing; plain HTTP is sent to HTTPS; {@code /adminCenter/} sends to its login page.
 */
@ResourceLock(SharedResources.EXTRA_SERVER_A)
class AdminCenterIT {
    private static final String PORT = System.getProperty("http.port", "9089");
    private static final String REST = "/IBMJMXConnectorREST";
    private static final String ADMIN = basic("it-admin", "it-admin-pw");
    private static final String VIEWER = basic("it-viewer", "it-viewer-pw");
    private static final String NOBODY = basic("it-nobody", "it-nobody-pw");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CONNECTOR = "admin-center-" + PORT;
    private static final String SUBJECT = "capa.it." + PORT + ".admin-center";

    private static SecondServer server;
    private static HttpClient https;

    @BeforeAll
    static void start() throws Exception {
        server = SecondServer.start("capa-admin-center", 21, Map.of("capa.kv.backend", "memory"), Map.of("admin-center.xml", documentedConfiguration()));
        https = HttpClient.newBuilder().sslContext(trustingOnly(server.dir())).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> deployed = Server.send(HttpRequest.newBuilder(URI.create(server.base + "/v1.0-alpha1/connectors?id=" + CONNECTOR))
                .header("Content-Type", "application/yaml")
                .POST(BodyPublishers.ofString("consumer: { nats: { url: 'nats://127.0.0.1:4222' }, core: { subject: " + SUBJECT + ".in } }\n"
                        + "sink: { type: nats, config: { subject: " + SUBJECT + ".out } }\n")));
        assertEquals(201, deployed.statusCode(), deployed.body());
        Server.await("/v1.0-alpha1/connectors/" + CONNECTOR, () -> capa("/v1.0-alpha1/connectors/" + CONNECTOR),
                r -> r.body().contains("\"connected\":true"), WAIT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            Server.send(HttpRequest.newBuilder(URI.create(server.base + "/v1.0-alpha1/connectors/" + CONNECTOR)).DELETE());
            server.close();
        }
    }

    @Test
    void theRestConnectorListsTheCapaMBeans() throws Exception {
        HttpResponse<String> r = Server.await(REST + "/mbeans", () -> rest(ADMIN, "GET", mbeansNamed("io.capaee:*"), null),
                res -> res.statusCode() == 200 && res.body().contains(CONNECTOR), WAIT);
        Set<String> types = new TreeSet<>();
        for (JsonValue mbean : json(r.body()).asJsonArray()) {
            types.add(mbean.asJsonObject().getString("objectName").replaceAll(".*type=([^,]+).*", "$1"));
        }
        // no Functions MBean: this server has no function deployed (ObservabilityIT's test server has)
        assertTrue(types.containsAll(Set.of("Actors", "ActorRuntime", "Routes", "Registry", "OutputBindings",
                "InputBindings", "InboundEndpoints", "PubSub", "Connectors")), types.toString());
    }

    @Test
    void anAdministratorReadsAConnectorsCounters() throws Exception {
        // a core NATS source loses what is published while it (re)subscribes, as after the stop and start below
        Server.await("/v1.0-alpha1/connectors/" + CONNECTOR, () -> capa("/v1.0-alpha1/connectors/" + CONNECTOR),
                r -> r.body().contains("\"connected\":true"), WAIT);
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            nats.publish(SUBJECT + ".in", "one".getBytes(StandardCharsets.UTF_8));
            nats.publish(SUBJECT + ".in", "two".getBytes(StandardCharsets.UTF_8));
            nats.flush(Duration.ofSeconds(5));
        }
        JsonObject connector = connectorMBean(ADMIN);
        HttpResponse<String> out = Server.await("MessagesOut", () -> rest(ADMIN, "GET", link(connector, "attributes", "MessagesOut"), null),
                r -> r.statusCode() == 200 && Long.parseLong(value(r)) >= 2, WAIT);
        assertEquals("java.lang.Long", json(out.body()).asJsonObject().getString("type"), out.body());
        assertEquals("running", attribute(ADMIN, connector, "State"));
    }

    @Test
    void anAdministratorStopsAndStartsAConnector() throws Exception {
        JsonObject connector = connectorMBean(ADMIN);
        assertEquals("stopped", invoke(ADMIN, connector, "stop"));
        assertTrue(capa("/v1.0-alpha1/connectors/" + CONNECTOR).body().contains("\"state\":\"stopped\""));
        assertEquals("stopped", attribute(ADMIN, connector, "State"));
        assertEquals("running", invoke(ADMIN, connector, "start"));
        assertTrue(capa("/v1.0-alpha1/connectors/" + CONNECTOR).body().contains("\"state\":\"running\""));
    }

    @Test
    void aReaderReadsButCannotAct() throws Exception {
        JsonObject connector = connectorMBean(VIEWER);
        assertEquals("running", attribute(VIEWER, connector, "State"));
        HttpResponse<String> stop = rest(VIEWER, "POST", link(connector, "operations", "stop"), "{\"params\":[],\"signature\":[]}");
        assertEquals(403, stop.statusCode(), stop.body());
        assertTrue(capa("/v1.0-alpha1/connectors/" + CONNECTOR).body().contains("\"state\":\"running\""));
    }

    @Test
    void aUserInNeitherGroupAndAnAnonymousClientGetNothing() throws Exception {
        assertEquals(403, rest(NOBODY, "GET", mbeansNamed("io.capaee:*"), null).statusCode());
        assertEquals(401, rest(null, "GET", mbeansNamed("io.capaee:*"), null).statusCode());
        assertEquals(401, rest(basic("it-admin", "wrong"), "GET", mbeansNamed("io.capaee:*"), null).statusCode());
    }

    @Test
    void plainHttpIsRedirectedToHttps() throws Exception {
        HttpResponse<String> r = Server.send(HttpRequest.newBuilder(URI.create(server.base + mbeansNamed("io.capaee:*"))));
        assertEquals(302, r.statusCode(), r.body());
        assertEquals(server.secureBase + mbeansNamed("io.capaee:*"), r.headers().firstValue("Location").orElse(""));
    }

    @Test
    void theAdminCenterAnswers() throws Exception {
        HttpResponse<String> r = rest(null, "GET", "/adminCenter/", null);
        assertEquals(302, r.statusCode(), r.body());
        assertEquals(server.secureBase + "/adminCenter/login.jsp", r.headers().firstValue("Location").orElse(""));
        HttpResponse<String> login = rest(null, "GET", "/adminCenter/login.jsp", null);
        assertEquals(200, login.statusCode(), login.body());
    }

    /** The first XML block under "Liberty's Admin Center" in docs/operations.md, as an operator would copy it. */
    private static String documentedConfiguration() throws Exception {
        String page = Files.readString(Path.of(System.getProperty("capa.docs.dir", "../docs"), "operations.md"));
        int section = page.indexOf("**Liberty's Admin Center");
        assertTrue(section >= 0, "no Admin Center how-to in docs/operations.md");
        int start = page.indexOf("```xml\n", section) + "```xml\n".length();
        return page.substring(start, page.indexOf("```", start));
    }

    /**
     * An SSL context that trusts the server's own certificate and nothing else: the self-signed one Liberty generated
     * in the test server's keystore (copied to the second server), whose password it keeps in server.env.
     */
    private static SSLContext trustingOnly(Path serverDir) throws Exception {
        String password = Files.readAllLines(serverDir.resolve("server.env")).stream().filter(l -> l.startsWith("keystore_password="))
                .findFirst().orElseThrow().substring("keystore_password=".length());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverDir.resolve("resources/security/key.p12"))) {
            keys.load(in, password.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", keys.getCertificate("default"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** The REST connector's answer to {@code path} (or a URL path it gave), over HTTPS, with {@code authorization} if any. */
    private static HttpResponse<String> rest(String authorization, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.secureBase + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return https.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String mbeansNamed(String pattern) {
        return REST + "/mbeans?objectName=" + URLEncoder.encode(pattern, StandardCharsets.UTF_8);
    }

    /** The connector's MBean description ({@code attributes} and {@code operations}, each with its URL), found by its name. */
    private static JsonObject connectorMBean(String authorization) throws Exception {
        HttpResponse<String> list = Server.await(REST + "/mbeans", () -> rest(authorization, "GET",
                mbeansNamed("io.capaee:type=Connectors,name=\"" + CONNECTOR + "\""), null),
                r -> r.statusCode() == 200 && json(r.body()).asJsonArray().size() == 1, WAIT);
        HttpResponse<String> info = rest(authorization, "GET", json(list.body()).asJsonArray().getJsonObject(0).getString("URL"), null);
        assertEquals(200, info.statusCode(), info.body());
        return json(info.body()).asJsonObject();
    }

    /** The URL the MBean's description gives for its attribute or operation {@code name}. */
    private static String link(JsonObject mbean, String kind, String name) {
        JsonArray entries = mbean.getJsonArray(kind);
        return entries.stream().map(JsonValue::asJsonObject).filter(e -> e.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + kind + ": " + entries)).getString("URL");
    }

    private static String attribute(String authorization, JsonObject mbean, String name) throws Exception {
        HttpResponse<String> r = rest(authorization, "GET", link(mbean, "attributes", name), null);
        assertEquals(200, r.statusCode(), r.body());
        return value(r);
    }

    private static String invoke(String authorization, JsonObject mbean, String operation) throws Exception {
        HttpResponse<String> r = rest(authorization, "POST", link(mbean, "operations", operation), "{\"params\":[],\"signature\":[]}");
        assertEquals(200, r.statusCode(), r.body());
        return value(r);
    }

    /** The value of the REST connector's {@code {"value":..., "type":...}} answer as text: it writes a Long as a JSON string. */
    private static String value(HttpResponse<String> r) {
        JsonValue value = json(r.body()).asJsonObject().get("value");
        return value instanceof JsonString text ? text.getString() : String.valueOf(value);
    }

    /** The second server's own HTTP API (loopback holds every level there, as on the test server). */
    private static HttpResponse<String> capa(String path) throws Exception {
        return Server.send(HttpRequest.newBuilder(URI.create(server.base + path)));
    }

    private static JsonStructure json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
