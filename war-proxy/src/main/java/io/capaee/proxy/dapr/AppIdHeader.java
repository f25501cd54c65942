// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.dapr;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Dapr's other way to name the app a request is for: the header {@code dapr-app-id: <appId>}, or HTTP
 * Basic credentials with user {@code dapr-app-id} and the app id as password. Such a request is a service
 * invocation, whatever its path ({@code io.capaee.proxy.invoke.AppIdHeaderFilter} makes it one).
 */
public final class AppIdHeader {
    public static final String HEADER = "dapr-app-id";
    private static final String BASIC_USER = HEADER + ":";

    private AppIdHeader() {}

    /**
     * Whether a request with these headers names an app: {@code appIdHeader} is every value of the header,
     * joined with commas as JAX-RS's {@code getHeaderString} joins them.
     */
    public static boolean namesAnApp(String appIdHeader, String authorization) {
        return !isBlank(appIdHeader) || !isBlank(basicAuthAppId(authorization));
    }

    public static boolean isBlank(String appId) {
        return appId == null || appId.isBlank();
    }

    /** The password of {@code Basic base64(dapr-app-id:<appId>)}, or null. */
    public static String basicAuthAppId(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            return decoded.startsWith(BASIC_USER) ? decoded.substring(BASIC_USER.length()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
