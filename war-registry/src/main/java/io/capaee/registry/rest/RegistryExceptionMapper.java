// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.rest;

import io.capaee.api.http.Problem;
import io.capaee.api.registry.RegistryException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Registry refusals as problem details; the status follows {@link RegistryException.Reason}. */
@Provider
public class RegistryExceptionMapper implements ExceptionMapper<RegistryException> {
    private static final Logger LOG = Logger.getLogger(RegistryExceptionMapper.class.getName());

    @Override
    public Response toResponse(RegistryException e) {
        return problem(e).responseByName();
    }

    /** The problem detail of a refusal, apart from the response so that it can be checked without a JAX-RS runtime. */
    static Problem problem(RegistryException e) {
        return switch (e.reason()) {
            case BAD_NAME -> problem(400, "bad-name", "Invalid module path", "ERROR_BAD_NAME", e.getMessage());
            case MISSING_PART -> problem(400, "bad-upload", "Invalid upload", "ERROR_WASM_UPLOAD", e.getMessage());
            case NOT_FOUND -> problem(404, "module-not-found", "Module not found", "ERROR_NOT_FOUND", e.getMessage());
            case ALREADY_EXISTS -> problem(409, "already-exists", "Tag already exists", "ERROR_ALREADY_EXISTS", e.getMessage());
            case TOO_LARGE -> problem(413, "too-large", "Module too large", "ERROR_TOO_LARGE", e.getMessage());
            case NOT_WASM -> problem(422, "not-wasm", "Not a WebAssembly module", "ERROR_NOT_WASM", e.getMessage());
            case STORAGE -> {
                LOG.log(Level.SEVERE, "registry storage failed", e);
                yield problem(500, "storage", "Registry storage failed", "ERROR_WASM_UPLOAD", "the registry could not store or read the module; see the server log");
            }
            case UNAVAILABLE -> {
                LOG.log(Level.WARNING, e.getMessage(), e);
                // the message names the backend (e.g. jetstream bucket capa-registry on nats nats://...), never a secret
                yield problem(503, "registry-unavailable", "Registry backend unavailable", "ERROR_UNAVAILABLE", e.getMessage());
            }
        };
    }

    /**
     * A problem detail with Capsule's registry error members ({@code code}, and {@code message}
     * the same as {@code detail}), for clients that read those; members sorted by name.
     */
    static Problem problem(int status, String kind, String title, String code, String detail) {
        return Problem.of(status, kind, title, detail).with("code", code).with("message", detail);
    }
}
