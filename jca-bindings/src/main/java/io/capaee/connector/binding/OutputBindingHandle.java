// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding;

import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.BindingResponse;
import io.capaee.api.binding.OutputBinding;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.connector.outbound.BackendConnectionHandle;
import java.util.Objects;
import java.util.Set;

/** The {@link OutputBinding} an application holds; delegates to its managed connection. */
public final class OutputBindingHandle extends BackendConnectionHandle<BindingTransport> implements OutputBinding {

    public OutputBindingHandle() {
        super(problem -> new OutputBindingException(OutputBindingException.Reason.BAD_REQUEST, problem));
    }

    @Override
    public BindingResponse invoke(BindingRequest request) {
        Objects.requireNonNull(request, "request");
        BindingTransport transport = backend();
        if (!transport.operations().contains(request.operation())) {
            throw new OutputBindingException(OutputBindingException.Reason.BAD_REQUEST, "operation '"
                    + request.operation() + "' is not supported by " + transport.describe() + "; supported: "
                    + String.join(", ", transport.operations()));
        }
        return transport.invoke(request);
    }

    @Override
    public void check() {
        backend().check();
    }

    @Override
    public Set<String> operations() {
        return backend().operations();
    }
}
