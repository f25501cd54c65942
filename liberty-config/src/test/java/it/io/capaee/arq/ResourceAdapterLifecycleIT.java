// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.arq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import it.io.capaee.support.SharedResources;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The resource adapter's lifecycle in a server of its own, driven by Arquillian (managed Liberty,
 * JUnit 5): the real {@code jca-bindings.rar} of this build, in a small EAR with two test
 * message-driven beans fed by its NATS core and JetStream activation specs (server
 * {@code src/test/liberty/ra-lifecycle}), is deployed, fed, undeployed and deployed again.
 *
 * <p>Each message's payload is a URL of this test's HTTP server, which the bean POSTs to: what
 * arrives there is what the adapter delivered. Deactivation is checked at the broker: after
 * undeploy, a NATS request on the core subject finds no responders (the subscription is gone), and
 * JetStream messages published meanwhile wait in the durable consumer and all arrive after the
 * redeploy: nothing lost across the lifecycle.
 */
@ExtendWith(ArquillianExtension.class)
@ResourceLock(SharedResources.EXTRA_SERVER_B)
class ResourceAdapterLifecycleIT {
    private static final String APP = "arq-ra";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static HttpServer receiver;
    private static final Map<String, Integer> RECEIVED = new ConcurrentHashMap<>();

    @ArquillianResource
    private Deployer deployer;

    /** The real adapter and shared library (lib-api and what it needs) from this build's EAR, plus the test beans. */
    @Deployment(name = APP, managed = false, testable = false)
    static EnterpriseArchive application() {
        EnterpriseArchive capa = ShrinkWrap.createFromZipFile(EnterpriseArchive.class,
                new File(System.getProperty("arq.capa-ear")));
        EnterpriseArchive ear = ShrinkWrap.create(EnterpriseArchive.class, APP + ".ear");
        ear.addAsModule(capa.getAsType(ResourceAdapterArchive.class, "jca-bindings.rar"));
        for (Map.Entry<ArchivePath, Node> jar : capa.getContent(p -> p.get().startsWith("/lib/") && p.get().endsWith(".jar")).entrySet()) {
            String name = jar.getKey().get().substring("/lib/".length());
            ear.addAsLibrary(ShrinkWrap.create(ZipImporter.class, name)
                    .importFrom(jar.getValue().getAsset().openStream()).as(JavaArchive.class));
        }
        ear.addAsModule(ShrinkWrap.create(JavaArchive.class, "arq-mdb.jar")
                .addClasses(Echo.class, NatsEcho.class, JetStreamEcho.class));
        ear.setApplicationXML(new StringAsset("""
                <?xml version="1.0" encoding="UTF-8"?>
                <application xmlns="https://jakarta.ee/xml/ns/jakartaee" version="10">
                  <display-name>arq-ra</display-name>
                  <module><connector>jca-bindings.rar</connector></module>
                  <module><ejb>arq-mdb.jar</ejb></module>
                  <library-directory>lib</library-directory>
                </application>
                """));
        return ear;
    }

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/got/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            RECEIVED.merge(exchange.getRequestURI().getPath().substring("/got/".length()), 1, Integer::sum);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void activatesDeliversDeactivatesAndRedeploysWithoutLoss() throws Exception {
        String subject = System.getProperty("arq.nats.subject");
        String jsSubject = System.getProperty("arq.js.subject");
        Options options = Options.builder().server("nats://127.0.0.1:4222").reportNoResponders().build();
        try (Connection nats = Nats.connect(options)) {
            // a fresh stream (left over from an earlier run on the same port otherwise)
            String stream = System.getProperty("arq.js.stream");
            JetStreamManagement streams = nats.jetStreamManagement();
            try {
                streams.deleteStream(stream);
            } catch (JetStreamApiException e) {
                // not there
            }
            streams.addStream(StreamConfiguration.builder().name(stream).subjects(jsSubject)
                    .storageType(StorageType.Memory).build());

            // activation: the beans are fed once the application is deployed
            deployer.deploy(APP);
            awaitSubscribed(nats, subject);
            for (int i = 0; i < 10; i++) {
                nats.publish(subject, url("core-a" + i));
            }
            for (int i = 0; i < 20; i++) {
                nats.jetStream().publish(jsSubject, url("js-a" + i));
            }
            await("10 core and 20 JetStream messages delivered", () -> count("core-a") == 10 && count("js-a") == 20);

            // deactivation: the subscription is gone, and JetStream keeps what is published meanwhile
            deployer.undeploy(APP);
            assertTrue(noResponders(nats, subject), "after undeploy nobody may be subscribed to " + subject);
            for (int i = 0; i < 20; i++) {
                nats.jetStream().publish(jsSubject, url("js-b" + i));
            }
            Thread.sleep(500);
            assertEquals(0, count("js-b"), "nothing may be delivered while the application is undeployed");

            // redeploy: delivery resumes, and the messages published while it was away all arrive
            deployer.deploy(APP);
            awaitSubscribed(nats, subject);
            for (int i = 0; i < 10; i++) {
                nats.publish(subject, url("core-c" + i));
            }
            await("the 20 JetStream messages of the undeployed time and 10 new core ones delivered",
                    () -> count("js-b") == 20 && count("core-c") == 10);
            assertEquals(Map.of(), more("js-a", 1),
                    "each JetStream message of the first run arrives exactly once: none may come again after a clean stop");
        } finally {
            try {
                deployer.undeploy(APP);
            } catch (RuntimeException e) {
                // already undeployed after a failure above
            }
        }
    }

    private byte[] url(String id) {
        return ("http://127.0.0.1:" + receiver.getAddress().getPort() + "/got/" + id).getBytes(StandardCharsets.UTF_8);
    }

    /** The messages with this prefix that arrived more than {@code times} times, with their counts. */
    private static Map<String, Integer> more(String prefix, int times) {
        Map<String, Integer> more = new java.util.TreeMap<>();
        RECEIVED.forEach((id, n) -> {
            if (id.startsWith(prefix) && n > times) {
                more.put(id, n);
            }
        });
        return more;
    }

    /** Distinct messages with this prefix that arrived (at least once). */
    private static long count(String prefix) {
        Set<String> ids = RECEIVED.keySet();
        return ids.stream().filter(id -> id.startsWith(prefix)).count();
    }

    /** The core bean's subscription is made asynchronously after deployment: wait until the broker knows it. */
    private void awaitSubscribed(Connection nats, String subject) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int probe = 0;
        while (noResponders(nats, subject, url("probe-" + probe++))) {
            if (System.nanoTime() > deadline) {
                fail("no subscriber on " + subject + " within " + WAIT);
            }
            Thread.sleep(100);
        }
    }

    private boolean noResponders(Connection nats, String subject) throws Exception {
        return noResponders(nats, subject, url("probe-after"));
    }

    /** True when the server answered "no responders"; false when a subscriber took the request (and did not reply). */
    private static boolean noResponders(Connection nats, String subject, byte[] body) throws Exception {
        try {
            nats.requestWithTimeout(subject, body, Duration.ofMillis(300)).get(5, TimeUnit.SECONDS);
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JetStreamStatusException) {
                return true;
            }
            assertFalse(e.getCause() instanceof IOException, "request failed: " + e.getCause());
            return false; // timed out: someone is subscribed
        } catch (TimeoutException | java.util.concurrent.CancellationException e) {
            return false;
        }
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + ": not within " + WAIT + "; received " + new java.util.TreeMap<>(RECEIVED));
            }
            Thread.sleep(50);
        }
    }
}
