// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.bindings;

import io.capaee.api.actors.EventTarget;
import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.BindingResponse;
import io.capaee.api.binding.OutputBinding;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.binding.OutputBindingFactory;
import io.capaee.api.metrics.BindingMetrics;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.capaee.proxy.dapr.DaprException;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;

/**
 * The output bindings {@code eis/binding/NAME} (a {@code <connectionFactory>} in server.xml), for the HTTP
 * and the gRPC API alike: an unknown name is 404 {@code ERR_INVOKE_OUTPUT_BINDING}, a failed call the status
 * {@link BindingFailure} gives it.
 */
public final class OutputBindings {
    static final String JNDI_PREFIX = "eis/binding/";
    static final String INVOKE_FAILED = "ERR_INVOKE_OUTPUT_BINDING";

    private OutputBindings() {}

    /** Invokes the binding; a failure is a {@link DaprException} (the HTTP API answers its metadata too). */
    public static BindingResponse invoke(String name, BindingRequest request) {
        OutputBindingFactory factory = lookup(name);
        try (OutputBinding binding = factory.getConnection()) {
            return binding.invoke(request);
        } catch (OutputBindingException e) {
            BindingFailure failure = BindingFailure.of(name, e);
            throw new DaprException(failure.status(), INVOKE_FAILED, failure.detail(), e);
        }
    }

    /**
     * As {@link #invoke(String, BindingRequest)}, counted in {@code metrics} and traced as the HTTP API's invocation is
     * (a {@code binding NAME} span whose context goes on in the request's metadata).
     */
    public static BindingResponse invoke(String name, BindingRequest request, BindingMetrics metrics, Traces traces) {
        long start = System.nanoTime();
        boolean failed = true;
        try (TraceSpan span = BindingTraces.invoke(traces, name, request.operation())) {
            try {
                BindingResponse response = invoke(name, BindingTraces.withContext(span, request));
                failed = false;
                return response;
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        } finally {
            metrics.invoked(name, System.nanoTime() - start, failed);
        }
    }

    static OutputBindingFactory lookup(String name) {
        if (!EventTarget.isName(name)) {
            throw new DaprException(404, INVOKE_FAILED, "'" + name + "' is not a binding name"
                    + " (letters, digits, '.', '_', '-')");
        }
        try {
            Object found = InitialContext.doLookup(JNDI_PREFIX + name);
            if (found instanceof OutputBindingFactory factory) {
                return factory;
            }
            throw new DaprException(404, INVOKE_FAILED, "'" + JNDI_PREFIX + name + "' is not an output binding");
        } catch (NameNotFoundException e) {
            throw new DaprException(404, INVOKE_FAILED, "no output binding named '" + name
                    + "': configure a connectionFactory with jndiName=\"" + JNDI_PREFIX + name + "\" in server.xml");
        } catch (NamingException e) {
            throw new DaprException(500, INVOKE_FAILED, "cannot look up binding '" + name + "': " + e.getMessage(), e);
        }
    }
}
