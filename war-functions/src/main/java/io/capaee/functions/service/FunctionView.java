// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.service;

/** {@link FunctionMXBean} over a deployment and its metrics (the counters its calls update). */
final class FunctionView implements FunctionMXBean {
    private final Deployment deployment;

    FunctionView(Deployment deployment) {
        this.deployment = deployment;
    }

    @Override
    public String getFunction() {
        return deployment.name();
    }

    @Override
    public String getRevision() {
        return deployment.revision();
    }

    @Override
    public String getSource() {
        return deployment.source();
    }

    @Override
    public String getDeployedAt() {
        return deployment.deployedAt().toString();
    }

    @Override
    public String getSha256() {
        return deployment.function().info().sha256();
    }

    @Override
    public int getSizeBytes() {
        return deployment.function().info().size();
    }

    @Override
    public String getAbi() {
        return String.valueOf(deployment.function().info().generation());
    }

    @Override
    public long getInvocations() {
        return deployment.metrics().invocations().getCount();
    }

    @Override
    public long getErrors() {
        return deployment.metrics().errors().getCount();
    }

    @Override
    public double getCallMillisMean() {
        long n = deployment.metrics().duration().getCount();
        return n == 0 ? 0 : deployment.metrics().duration().getElapsedTime().toNanos() / 1e6 / n;
    }
}
