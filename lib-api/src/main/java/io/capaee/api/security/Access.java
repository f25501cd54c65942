// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.security;

/**
 * What a caller needs to use an HTTP API. {@link #ADMIN} includes every other level; {@link #VIEWER}
 * and {@link #APP} are apart: a viewer reads listings, not an application's data, and an application's
 * token does not open the operator's listings.
 */
public enum Access {
    /** Anyone: function calls, health probes, registry downloads. */
    PUBLIC,
    /** Listings and status that reveal how the server is set up: the role {@code capa-viewer}. */
    VIEWER,
    /** The Dapr-compatible runtime API (an application's data): the Dapr API token. */
    APP,
    /** Changes (deploy, register, upload, delete): the role {@code capa-admin} or the admin token. */
    ADMIN;

    /** Whether holding this level is enough for {@code required}. */
    public boolean covers(Access required) {
        return this == required || this == ADMIN || required == PUBLIC;
    }
}
