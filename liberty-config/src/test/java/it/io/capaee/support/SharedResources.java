// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.support;

/**
 * The names of what the end-to-end test classes share beyond the test server, for JUnit's
 * {@code @ResourceLock}: failsafe runs the classes concurrently (liberty-config/pom.xml,
 * {@code junit.jupiter.execution.parallel.*}), and a class that binds a fixed port, stops a broker or
 * wipes keys other classes read takes the lock of that thing, so that no class that needs it runs
 * meanwhile. Keys, topics, subjects and actor ids unique to a class need no lock; a class that
 * restarts the test server itself, or checks what the others change all over it, is {@code @Isolated}.
 */
public final class SharedResources {
    /**
     * The app at {@code capa.app.url} ({@code it.app.port}), which the server calls with pub/sub
     * deliveries, configuration updates and jobs: one class at a time can listen there.
     */
    public static final String APP_PORT = "capa.it.app-port";

    /** {@code smtp.port}, where the server's mail session sends ({@code bindings.MailBindingIT} runs an SMTP server there). */
    public static final String SMTP_PORT = "capa.it.smtp-port";

    /** {@code input-app.port}, where the server's input bindings deliver ({@code bindings.InputApp}). */
    public static final String INPUT_APP_PORT = "capa.it.input-app-port";

    /**
     * The build's Kafka broker: READ for a class that needs it running, READ_WRITE for one that
     * stops it ({@code KafkaBroker.stop()}).
     */
    public static final String KAFKA = "capa.it.kafka";

    /**
     * The test server's actors in Redis ({@link Actors#PREFIX}): READ_WRITE for a class that
     * deletes them all ({@link Actors#cleanRedis()}), READ for one that only counts the turns of an
     * actor it does not own (the cron binding's, the pub/sub subscription's).
     */
    public static final String ACTORS = "capa.it.actors";

    /** The test server's configuration subscriptions, of which it allows 8 at once. */
    public static final String CONFIGURATION_SUBSCRIPTIONS = "capa.it.configuration-subscriptions";

    /**
     * The reverse proxy's route table in Redis ({@code capa.proxy.routes-key}): READ_WRITE for a class
     * that deletes the whole table, READ for one that adds, removes or lists routes of its own.
     */
    public static final String PROXY_ROUTES = "capa.it.proxy-routes";

    /**
     * The test server's desired state (connectors and worker deployments made through its API): READ_WRITE
     * for a class whose second server shares it (and so also runs what the others deploy), READ for one
     * that deploys through the test server's API.
     */
    public static final String DESIRED_STATE = "capa.it.desired-state";

    /**
     * The two lanes of extra Liberty servers ({@link SecondServer}, the deploy test's fresh server, the
     * resource adapter's Arquillian server): a class that starts one takes one lane, so that at most two
     * start beside the test server at once. Each takes most of a core while it starts, and the crash tests
     * time their kills against what their server does. The lanes hold about the same work (a few minutes):
     * a new class goes into the one with less. Each class's server has ports of its own (the offset it passes).
     */
    public static final String EXTRA_SERVER_A = "capa.it.extra-server-a";

    /** The other lane of extra servers, see {@link #EXTRA_SERVER_A}. */
    public static final String EXTRA_SERVER_B = "capa.it.extra-server-b";

    private SharedResources() {}
}
