// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorTarget;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Where a subscription's route delivers: {@code /path} on the app ({@code capa.app.url}), an
 * {@code http(s)://} URL, {@code function:NAME[/REVISION]} (a wasm function of this server, through
 * its functions platform at {@code /wasm/functions}), or {@code actor:TYPE/ID/METHOD} (an actor
 * method, through this server's actor API {@code /v1.0/actors/TYPE/ID/method/METHOD}). Functions and
 * actors answer as an app does: a 2xx acknowledges (unless its JSON body says RETRY or DROP), a
 * 404 drops, anything else is retried. Both go over loopback HTTP to {@code capa.pubsub.local-url},
 * as input bindings reach functions: the WARs do not call each other's classes.
 */
final class SubscriptionTargets {
    private static final Pattern FUNCTION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}(/[A-Za-z0-9._-]{1,100})?");

    private SubscriptionTargets() {}

    /** The URL for {@code route}; null when a relative route has no app URL; IllegalArgumentException for a malformed one. */
    static URI resolve(String route, String appUrl, String localUrl) {
        String r = route.strip();
        if (r.startsWith("http://") || r.startsWith("https://")) {
            return URI.create(r);
        }
        if (r.startsWith("function:")) {
            String name = r.substring("function:".length());
            if (!FUNCTION.matcher(name).matches() || name.endsWith("/.") || name.endsWith("/..")) {
                throw new IllegalArgumentException("'" + route + "' is not function:NAME or function:NAME/REVISION");
            }
            return URI.create(localUrl + "/wasm/functions/" + name);
        }
        if (ActorTarget.isActor(r)) {
            ActorTarget target;
            try {
                target = ActorTarget.parse(r);
            } catch (ActorException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            return URI.create(localUrl + "/v1.0/actors/" + segment(target.actor().type()) + "/"
                    + segment(target.actor().id()) + "/method/" + segment(target.method()));
        }
        if (appUrl == null) {
            return null;
        }
        return URI.create(appUrl + (r.startsWith("/") ? "" : "/") + r);
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
