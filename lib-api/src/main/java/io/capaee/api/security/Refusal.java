// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.security;

import io.capaee.api.http.Problem;

/**
 * The answer to a request that {@link AccessPolicy} refused: a problem detail with the status, and, for
 * {@link Access#APP}, Dapr's {@code errorCode} and {@code message}, elsewhere Capsule's {@code code},
 * {@code from} and {@code message}, the fields those clients read.
 *
 * @param status 401 or 403
 * @param body the {@code application/problem+json} body
 */
public record Refusal(int status, String body) {
    public static final String MEDIA_TYPE = Problem.MEDIA_TYPE;
    /** The challenge a 401 carries. */
    public static final String CHALLENGE = "Bearer realm=\"capa\", Basic realm=\"capa\"";

    public static Refusal of(AccessPolicy policy, AccessPolicy.Verdict verdict, Access required, String component) {
        boolean app = required == Access.APP;
        int status = switch (verdict) {
            case NO_CREDENTIALS -> 401;
            // Dapr answers a wrong API token with 401; Capsule's admin APIs answered a wrong token with 403
            case BAD_CREDENTIALS -> app ? 401 : 403;
            default -> 403;
        };
        String detail = detail(policy, verdict, required);
        Problem problem = Problem.of(status, status == 401 ? "unauthorized" : "forbidden", status == 401 ? "Unauthorized" : "Forbidden", detail);
        problem = app
                ? problem.with("errorCode", status == 401 ? "ERR_API_TOKEN" : "ERR_PERMISSION_DENIED").with("message", detail)
                : problem.with("code", "KO").with("from", component).with("message", problem.title());
        return new Refusal(status, problem.json());
    }

    /** What a refused caller is told: why, and what the operation needs. */
    public static String detail(AccessPolicy policy, AccessPolicy.Verdict verdict, Access required) {
        String needs = switch (required) {
            case APP -> "the Dapr API token (dapr-api-token header) or a user in the role " + AccessPolicy.ADMIN_ROLE;
            case VIEWER -> "a user in the role " + AccessPolicy.VIEWER_ROLE + " or " + AccessPolicy.ADMIN_ROLE + ", or the admin token";
            default -> "the admin token (Authorization: Bearer <token> or " + AccessPolicy.ADMIN_TOKEN_HEADER
                    + ") or a user in the role " + AccessPolicy.ADMIN_ROLE;
        };
        return switch (verdict) {
            case BAD_CREDENTIALS -> "the credentials were refused; this operation needs " + needs;
            case NOT_PERMITTED -> "the credentials do not allow this operation; it needs " + needs;
            default -> "this operation needs " + needs
                    + (policy.trustsLoopback() && !policy.tokenGuards(required) ? " (or a client on this machine's loopback)" : "");
        };
    }
}
