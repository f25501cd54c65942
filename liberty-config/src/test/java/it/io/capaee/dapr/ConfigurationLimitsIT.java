// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.dapr;

import static it.io.capaee.support.Dapr.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Dapr;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Configuration subscriptions are capped ({@code capa.configuration.max-subscriptions}, 8 in the
 * test server): one more is a 429 problem naming the setting, and unsubscribing frees a place.
 */
@ResourceLock(SharedResources.CONFIGURATION_SUBSCRIPTIONS)
class ConfigurationLimitsIT {
    @Test
    void subscriptionsBeyondTheMaximumAre429UntilOneIsUnsubscribed() throws Exception {
        List<String> ids = new ArrayList<>();
        try {
            HttpResponse<String> r = null;
            for (int i = 0; i <= 8; i++) {
                r = Server.get("/v1.0/configuration/mpconfig/subscribe?key=limit-" + i);
                if (r.statusCode() != 200) {
                    break;
                }
                ids.add(Dapr.json(r.body()).asJsonObject().getString("id"));
            }
            assertTrue(ids.size() <= 8, "at most 8 at once, got " + ids.size());
            String message = assertError(r, 429, "ERR_CONFIGURATION_SUBSCRIBE").getString("message");
            assertTrue(message.contains("capa.configuration.max-subscriptions"), message);
            String freed = ids.remove(0);
            assertEquals(200, Server.get("/v1.0/configuration/mpconfig/" + freed + "/unsubscribe").statusCode());
            HttpResponse<String> again = Server.get("/v1.0/configuration/mpconfig/subscribe?key=limit-again");
            assertEquals(200, again.statusCode(), again.body());
            ids.add(Dapr.json(again.body()).asJsonObject().getString("id"));
        } finally {
            for (String id : ids) {
                Server.get("/v1.0/configuration/mpconfig/" + id + "/unsubscribe");
            }
        }
    }
}
