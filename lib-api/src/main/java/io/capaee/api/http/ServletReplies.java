// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A whole answer written from a servlet or filter: status, type, length and body at once. */
public final class ServletReplies {
    private ServletReplies() {}

    /** @param contentType null to set none (an empty body) */
    public static void write(HttpServletResponse response, int status, String contentType, byte[] body) throws IOException {
        response.setStatus(status);
        if (contentType != null) {
            response.setContentType(contentType);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The body as UTF-8. */
    public static void write(HttpServletResponse response, int status, String contentType, String body) throws IOException {
        write(response, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
