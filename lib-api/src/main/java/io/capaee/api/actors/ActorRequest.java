// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

/**
 * An actor method call as it arrived.
 *
 * @param body the raw body (empty array when none)
 * @param contentType the body's media type, or {@code null}
 * @param reentrancyId the caller's {@code Dapr-Reentrancy-Id}, or {@code null}
 */
public record ActorRequest(byte[] body, String contentType, String reentrancyId) {
    public ActorRequest {
        body = body == null ? new byte[0] : body;
    }

    public static ActorRequest json(String json) {
        return new ActorRequest(json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json", null);
    }
}
