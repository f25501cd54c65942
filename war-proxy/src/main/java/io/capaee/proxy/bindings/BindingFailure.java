// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.bindings;

import io.capaee.api.binding.OutputBindingException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The status and detail a client gets for a failed binding call. Refusals of the request itself
 * (bad metadata, a subject the binding does not allow, a full store) say why; failures of the
 * system behind the binding are logged with their detail, which names broker hosts and ports, and
 * the client learns only the binding's name.
 */
record BindingFailure(int status, String detail) {
    private static final Logger LOG = Logger.getLogger(BindingFailure.class.getName());

    static BindingFailure of(String name, OutputBindingException e) {
        String prefix = "error invoking output binding " + name + ": ";
        return switch (e.reason()) {
            case BAD_REQUEST -> new BindingFailure(400, prefix + e.getMessage());
            case FORBIDDEN -> new BindingFailure(403, prefix + e.getMessage());
            case FULL -> new BindingFailure(507, prefix + e.getMessage());
            case UNAVAILABLE -> logged(name, e, 503, prefix + "the system behind it is unavailable; the server log has the detail");
            case FAILED -> logged(name, e, 500, prefix + "the system behind it refused the call; the server log has the detail");
        };
    }

    private static BindingFailure logged(String name, OutputBindingException e, int status, String detail) {
        LOG.log(Level.WARNING, "output binding {0} failed: {1}", new Object[] {name, e.getMessage()});
        return new BindingFailure(status, detail);
    }
}
