// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import java.nio.charset.StandardCharsets;

/**
 * What an actor method returned.
 *
 * @param body the raw body (empty when the method returned nothing)
 * @param contentType its media type, or {@code null} when there is no body
 */
public record ActorResponse(byte[] body, String contentType) {
    public ActorResponse {
        body = body == null ? new byte[0] : body;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
