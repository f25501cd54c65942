// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.security;

import java.util.Set;
import java.util.function.Function;

/**
 * What the server knows of the client of one request.
 *
 * @param remoteAddress the peer's IP address as the server saw it (a literal, never resolved)
 * @param header looks a request header up by name (case-insensitive), null when absent
 * @param login what became of the user name and password the request carried
 * @param userLevels the levels the logged-in user holds through its roles (empty without a user)
 */
public record Caller(String remoteAddress, Function<String, String> header, Login login, Set<Access> userLevels) {
    /** A request's user login. */
    public enum Login { NONE, REFUSED, LOGGED_IN }

    public Caller {
        userLevels = Set.copyOf(userLevels);
    }
}
