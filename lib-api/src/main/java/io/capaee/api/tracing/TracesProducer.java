// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.tracing;

import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Produces {@code @Inject Traces} for every module of the EAR (the WARs and the EJB modules; the resource adapter,
 * outside CDI, gets none): on the application's {@code OpenTelemetry} from MicroProfile Telemetry, made once. A
 * server without the feature, or with {@code otel.sdk.disabled=true}, gets {@link Traces#off()}.
 */
@ApplicationScoped
public class TracesProducer {
    private static final Logger LOG = Logger.getLogger(TracesProducer.class.getName());

    @Inject
    Instance<OpenTelemetry> openTelemetry;

    private volatile Traces traces;

    @Produces
    public Traces traces() {
        Traces t = traces;
        if (t == null) {
            t = make();
            traces = t;
        }
        return t;
    }

    private Traces make() {
        if (!openTelemetry.isResolvable()) {
            return Traces.off();
        }
        try {
            Traces t = Traces.of(openTelemetry.get());
            LOG.log(Level.INFO, "CAPA-TRACES: tracing is {0}", t.on() ? "on" : "off");
            return t;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "tracing is off: the application's OpenTelemetry is not available: {0}", e.toString());
            return Traces.off();
        }
    }
}
