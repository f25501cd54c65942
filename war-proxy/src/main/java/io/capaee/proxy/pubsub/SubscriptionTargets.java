// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.capaee.api.actors.EventTarget;
import io.capaee.api.actors.InvalidTargetException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a subscription's route ({@link EventTarget}) delivers: {@code /path} on the app ({@code capa.app.url}), an
 * {@code http(s)://} URL, {@code function:NAME[/REVISION]} (a wasm function of this server, through
 * its functions platform at {@code /wasm/functions}), or {@code actor:TYPE/ID/METHOD} (an actor
 * method, through this server's actor API {@code /v1.0/actors/TYPE/ID/method/METHOD}). Functions and
 * actors answer as an app does: a 2xx acknowledges (unless its JSON body says RETRY or DROP), a
 * 404 drops, anything else is retried. Both go over loopback HTTP to {@code capa.pubsub.local-url},
 * as input bindings reach functions: the WARs do not call each other's classes.
 */
final class SubscriptionTargets {
    private SubscriptionTargets() {}

    /**
     * The URL for {@code route}; null when a relative route has no app URL.
     *
     * @throws InvalidTargetException for a malformed route, or an output binding (input bindings only)
     */
    static URI resolve(String route, String appUrl, String localUrl) {
        return resolve(EventTarget.parse(route), appUrl, localUrl);
    }

    static URI resolve(EventTarget target, String appUrl, String localUrl) {
        return switch (target.kind()) {
            case FUNCTION -> URI.create(localUrl + "/wasm/functions/" + target.functionPath());
            case ACTOR -> URI.create(localUrl + "/v1.0/actors/" + segment(target.actor().actor().type()) + "/"
                    + segment(target.actor().actor().id()) + "/method/" + segment(target.actor().method()));
            case BINDING -> throw new InvalidTargetException(target.toString(), "target",
                    "is an output binding: subscriptions deliver to an app, a function or an actor method");
            case APP -> target.isUrl() ? URI.create(target.app())
                    : appUrl == null ? null : URI.create(appUrl + (target.app().startsWith("/") ? "" : "/") + target.app());
        };
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
