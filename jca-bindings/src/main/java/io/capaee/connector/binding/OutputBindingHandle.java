// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding;

import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.BindingResponse;
import io.capaee.api.binding.OutputBinding;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.connector.outbound.ConnectionHandle;
import java.util.Objects;
import java.util.Set;

/** The {@link OutputBinding} an application holds; delegates to its managed connection. */
public final class OutputBindingHandle extends ConnectionHandle implements OutputBinding {

    @Override
    public BindingResponse invoke(BindingRequest request) {
        Objects.requireNonNull(request, "request");
        BindingTransport transport = connection().transport();
        if (!transport.operations().contains(request.operation())) {
            throw new OutputBindingException(OutputBindingException.Reason.BAD_REQUEST, "operation '"
                    + request.operation() + "' is not supported by " + transport.describe() + "; supported: "
                    + String.join(", ", transport.operations()));
        }
        return transport.invoke(request);
    }

    @Override
    public void check() {
        connection().transport().check();
    }

    @Override
    public Set<String> operations() {
        return connection().transport().operations();
    }

    @Override
    protected RuntimeException invalid(String problem) {
        return new OutputBindingException(OutputBindingException.Reason.BAD_REQUEST, problem);
    }

    private BindingManagedConnection connection() {
        return (BindingManagedConnection) owner();
    }
}
