// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import io.capaee.testing.Guests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.query.QueryConnection;
import io.capaee.api.query.QueryConnectionFactory;
import io.capaee.api.query.QueryException;
import io.capaee.api.wasm.capsule.GuestError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The host functions without outside dependencies (spec 2.1 to 2.4, 2.9) through the hostcalls
 * guest. Files, outbound HTTP and Redis have their own test classes.
 */
class HostFunctionsTest {
    private TestHost host;

    @BeforeEach
    void startHost() {
        host = new TestHost();
    }

    @AfterEach
    void stopHost() {
        host.close();
    }

    private static Optional<GuestError> error(String message) {
        return Optional.of(GuestError.of(message));
    }

    @OnBothEngines
    void pingCountsItsCallsPerEngine(EngineKind kind) {
        WasmEngine engine = host.engine(kind);
        WasmFunction first = host.track(engine.load("first", Guests.bytes("hostcalls"), FunctionSettings.defaults()));
        WasmFunction second = host.track(engine.load("second", Guests.bytes("hostcalls"), FunctionSettings.defaults()));

        assertEquals("\uD83C\uDFD3 pong: x : 1", first.callCli(List.of("ping", "x")).raw());
        assertEquals("\uD83C\uDFD3 pong: y : 2", second.callCli(List.of("ping", "y")).raw());
        assertEquals("\uD83C\uDFD3 pong: x : 3", first.callCli(List.of("ping", "x")).raw());
        WasmFunction otherEngine = host.load(kind, "hostcalls");
        assertEquals("\uD83C\uDFD3 pong: x : 1", otherEngine.callCli(List.of("ping", "x")).raw());
    }

    @OnBothEngines
    void infoReturnsTheHostInformationOfTheServices(EngineKind kind) {
        CliResult result = host.load(kind, "hostcalls").callCli(List.of("info"));

        assertEquals(TestHost.HOST_INFORMATION, result.raw());
    }

    @OnBothEngines
    void emptyHostInformationReachesTheGuestWithoutATrap(EngineKind kind) {
        HostServices services = new HostServices(Optional.empty(), Optional.empty(), "", (f, m) -> {}, host.services().http());

        CliResult result = host.load(kind, services, "hostcalls", FunctionSettings.defaults()).callCli(List.of("info"));

        // The guest got a zero-length string (spec B1 would trap) and its SDK turns "" into "empty".
        assertEquals("empty", result.raw());
    }

    @OnBothEngines
    void logSendsTheLineToTheGuestLogWithTheFunctionName(EngineKind kind) {
        CliResult result = host.load(kind, "hostcalls").callCli(List.of("log", "hello \uD83C\uDF0D"));

        assertEquals("logged", result.raw());
        assertEquals(List.of("hostcalls: hello \uD83C\uDF0D"), host.log());
    }

    @OnBothEngines
    void envAnswersTheConfiguredValue(EngineKind kind) {
        FunctionSettings settings = FunctionSettings.defaults().withEnvironment(Map.of("GREETING", "hola", "EMPTY", ""));
        WasmFunction function = host.load(kind, "hostcalls", settings);

        assertEquals("hola", function.callCli(List.of("env", "GREETING")).raw());
        assertEquals(error("UNSET is empty"), function.callCli(List.of("env", "UNSET")).error());
        assertEquals(error("EMPTY is empty"), function.callCli(List.of("env", "EMPTY")).error());
    }

    @OnBothEngines
    void envNeverShowsTheHostProcessEnvironment(EngineKind kind) {
        assertTrue(System.getenv("PATH") != null && !System.getenv("PATH").isEmpty(), "this test needs PATH in the host environment");
        WasmFunction function = host.load(kind, "hostcalls");

        assertEquals(error("PATH is empty"), function.callCli(List.of("env", "PATH")).error());
        assertEquals(error("HOME is empty"), function.callCli(List.of("env", "HOME")).error());
    }

    @OnBothEngines
    void envShowsAHostVariableOnlyWhenItIsConfigured(EngineKind kind) {
        WasmFunction function = host.load(kind, "hostcalls", FunctionSettings.defaults().withEnvironment(Map.of("PATH", "/granted")));

        assertEquals("/granted", function.callCli(List.of("env", "PATH")).raw());
    }

    @OnBothEngines
    void anUnknownCommandIsAGuestError(EngineKind kind) {
        assertEquals(error("unknown command nope"), host.load(kind, "hostcalls").callCli(List.of("nope")).error());
    }

    @OnBothEngines
    void redisCallsWithoutAKeyValueStoreAreErrors(EngineKind kind) {
        WasmFunction function = host.load(kind, "hostcalls");

        for (List<String> call : List.of(List.of("redis-set", "k", "v"), List.of("redis-get", "k"), List.of("redis-keys", "*"))) {
            CliResult result = function.callCli(call);
            assertTrue(result.error().isPresent(), call + " answered " + result.raw());
            assertTrue(result.error().get().message().contains("no key/value store"), result.raw());
        }
    }

    // Couchbase itself cannot run in this build environment; the host function is tested against
    // fakes of the QueryConnectionFactory the resource adapter provides on the server.

    @OnBothEngines
    void couchbaseWithoutAQueryConnectionIsAnError(EngineKind kind) {
        CliResult result = host.load(kind, "hostcalls").callCli(List.of("couchbase", "SELECT 1"));

        assertEquals(error("no Couchbase connection is configured"), result.error());
    }

    @OnBothEngines
    void couchbaseAnswersTheRowsOfTheQueryConnection(EngineKind kind) {
        FakeQueries queries = new FakeQueries(statement -> "[{\"docs\":{\"id\":1,\"name\":\"Bob\"}}]");

        CliResult result = loadWith(kind, queries).callCli(List.of("couchbase", "SELECT * FROM `wasm-data`.data.docs"));

        assertEquals("[{\"docs\":{\"id\":1,\"name\":\"Bob\"}}]", result.raw());
        assertEquals(List.of("SELECT * FROM `wasm-data`.data.docs"), queries.statements);
        assertEquals(1, queries.closed.size(), "the connection is closed after the call");
    }

    @OnBothEngines
    void aFailingCouchbaseQueryIsAnErrorAsData(EngineKind kind) {
        FakeQueries queries = new FakeQueries(statement -> {
            throw new QueryException("keyspace not found: nope");
        });
        WasmFunction function = loadWith(kind, queries);

        assertEquals(error("keyspace not found: nope"), function.callCli(List.of("couchbase", "SELECT * FROM nope")).error());
        // the function keeps working afterwards: the failure was data, not a trap
        assertEquals("logged", function.callCli(List.of("log", "still alive")).raw());
        assertEquals(1, queries.closed.size());
    }

    @OnBothEngines
    void couchbaseWithNoRowsIsAnEmptyArray(EngineKind kind) {
        CliResult result = loadWith(kind, new FakeQueries(statement -> "[]")).callCli(List.of("couchbase", "SELECT 1 WHERE false"));

        assertEquals("[]", result.raw());
        assertFalse(result.error().isPresent());
    }

    private WasmFunction loadWith(EngineKind kind, QueryConnectionFactory queries) {
        return host.load(kind, host.services(Optional.empty(), Optional.of(queries)), "hostcalls", FunctionSettings.defaults());
    }

    /** A query connection factory answering with a function and recording what it saw. */
    private static final class FakeQueries implements QueryConnectionFactory {
        final List<String> statements = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> closed = Collections.synchronizedList(new ArrayList<>());
        private final Function<String, String> answer;

        FakeQueries(Function<String, String> answer) {
            this.answer = answer;
        }

        @Override
        public QueryConnection getConnection() {
            return new QueryConnection() {
                @Override
                public String query(String statement) {
                    statements.add(statement);
                    return answer.apply(statement);
                }

                @Override
                public void close() {
                    closed.add(1);
                }
            };
        }
    }
}
