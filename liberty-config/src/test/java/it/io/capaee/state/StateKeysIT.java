// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.state;

import static it.io.capaee.support.Dapr.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Actors;
import it.io.capaee.support.Dapr;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import jakarta.json.Json;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What can be written can be read and deleted (issue 26): a state key that no URL path can name
 * again ({@code /}, {@code \}, {@code #}, {@code .}, {@code ..}, control characters: Liberty refuses
 * them encoded) is refused when written, with nothing of the request stored; any other key, however
 * odd, round-trips through GET and DELETE.
 */
@ResourceLock(SharedResources.ACTORS)
class StateKeysIT {
    private static final String STATE = "/v1.0/state/statestore";
    private final String prefix = Dapr.unique("keys");
    private final String actor = "keys-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void cleanUp() {
        Dapr.deleteRedisKeys(prefix);
    }

    @AfterAll
    static void clean() {
        Actors.cleanRedis();
    }

    /** Every byte but RFC 3986's unreserved ones percent-encoded, as a careful client sends a key. */
    private static String segment(String key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
                out.write(c);
            } else {
                out.writeBytes(String.format("%%%02X", b & 0xff).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static String quoted(String key) {
        return Json.createValue(key).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a", "\\a", "#a", "/", ".", "..", "\u0000", "\n"})
    void aKeyNoPathCanNameIsRefusedWhenSavedAndNothingOfTheRequestIsStored(String bad) throws Exception {
        String fine = prefix + "-fine";
        String key = bad.equals(".") || bad.equals("..") ? bad : prefix + bad;
        HttpResponse<String> r = Dapr.post(STATE, "[{\"key\":" + quoted(fine) + ",\"value\":1},{\"key\":" + quoted(key) + ",\"value\":2}]");
        String message = assertError(r, 400, "ERR_MALFORMED_REQUEST").getString("message");
        assertTrue(message.contains("state key '"), message);
        assertEquals(204, Server.get(STATE + "/" + fine).statusCode(), "nothing of a refused save is stored");

        HttpResponse<String> tx = Dapr.post(STATE + "/transaction", "{\"operations\":[{\"operation\":\"upsert\",\"request\":{\"key\":"
                + quoted(fine) + ",\"value\":1}},{\"operation\":\"upsert\",\"request\":{\"key\":" + quoted(key) + ",\"value\":2}}]}");
        assertError(tx, 400, "ERR_MALFORMED_REQUEST");
        HttpResponse<String> bulk = Dapr.post(STATE + "/bulk", "{\"keys\":[" + quoted(fine) + "," + quoted(key) + "]}");
        assertEquals(200, bulk.statusCode(), bulk.body());
        assertTrue(!bulk.body().contains("\"data\""), "nothing of a refused transaction is stored: " + bulk.body());

        HttpResponse<String> actorTx = Actors.post("counter/" + actor + "/state",
                "[{\"operation\":\"upsert\",\"request\":{\"key\":\"fine\",\"value\":1}},{\"operation\":\"upsert\",\"request\":{\"key\":"
                        + quoted(bad) + ",\"value\":2}}]");
        assertError(actorTx, 400, "ERR_MALFORMED_REQUEST");
        assertEquals(null, Actors.state("counter", actor, "fine"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "...", ".a", "a..b", "a b", "a:b@c", "a%b", "a?b", "a;b", "a+b&c=d", "é€", "(x)!*'$,"})
    void aKeyWithOddCharactersIsSavedReadAndDeleted(String odd) throws Exception {
        String key = prefix + odd;
        assertEquals(204, Dapr.post(STATE, "[{\"key\":" + quoted(key) + ",\"value\":7}]").statusCode());
        HttpResponse<String> got = Server.get(STATE + "/" + segment(key));
        assertEquals(200, got.statusCode(), got.body());
        assertEquals("7", got.body());
        assertEquals(204, Dapr.delete(STATE + "/" + segment(key), null).statusCode());
        assertEquals(204, Server.get(STATE + "/" + segment(key)).statusCode(), "deleted");

        HttpResponse<String> saved = Actors.post("counter/" + actor + "/state",
                "[{\"operation\":\"upsert\",\"request\":{\"key\":" + quoted(odd) + ",\"value\":7}}]");
        assertEquals(204, saved.statusCode(), saved.body());
        assertEquals("7", Actors.state("counter", actor, segment(odd)));
    }
}
