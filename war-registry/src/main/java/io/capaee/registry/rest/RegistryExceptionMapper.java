// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.rest;

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
        return switch (e.reason()) {
            case BAD_NAME -> Problem.response(400, "bad-name", "Invalid module path", "ERROR_BAD_NAME", e.getMessage());
            case MISSING_PART -> Problem.response(400, "bad-upload", "Invalid upload", "ERROR_WASM_UPLOAD", e.getMessage());
            case NOT_FOUND -> Problem.response(404, "module-not-found", "Module not found", "ERROR_NOT_FOUND", e.getMessage());
            case ALREADY_EXISTS -> Problem.response(409, "already-exists", "Tag already exists", "ERROR_ALREADY_EXISTS", e.getMessage());
            case TOO_LARGE -> Problem.response(413, "too-large", "Module too large", "ERROR_TOO_LARGE", e.getMessage());
            case NOT_WASM -> Problem.response(422, "not-wasm", "Not a WebAssembly module", "ERROR_NOT_WASM", e.getMessage());
            case STORAGE -> {
                LOG.log(Level.SEVERE, "registry storage failed", e);
                yield Problem.response(500, "storage", "Registry storage failed", "ERROR_WASM_UPLOAD", "the registry could not store or read the module; see the server log");
            }
        };
    }
}
