// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.metrics;

import io.capaee.api.metrics.BindingMetrics;

/** {@link GatewayMXBeans.OutputBindingMXBean} of one output binding, over its metrics. */
final class OutputBindingView implements GatewayMXBeans.OutputBindingMXBean {
    static final String TYPE = "OutputBinding";

    private final BindingMetrics metrics;
    private final String binding;

    OutputBindingView(BindingMetrics metrics, String binding) {
        this.metrics = metrics;
        this.binding = binding;
    }

    @Override
    public String getBinding() {
        return binding;
    }

    @Override
    public long getInvocations() {
        return metrics.invocations().getOrDefault(binding, 0L);
    }

    @Override
    public long getErrors() {
        return metrics.invocationErrors().getOrDefault(binding, 0L);
    }
}
