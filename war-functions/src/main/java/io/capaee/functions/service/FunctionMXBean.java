// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.service;

/** {@code io.capaee:type=Functions,name="<function>/<revision>"}: one deployed revision and its calls. */
public interface FunctionMXBean {
    String getFunction();

    String getRevision();

    /** Where it was deployed from: a file of the functions directory, the registry, an upload. */
    String getSource();

    String getDeployedAt();

    String getSha256();

    int getSizeBytes();

    /** The Capsule ABI generation the module speaks. */
    String getAbi();

    long getInvocations();

    long getErrors();

    double getCallMillisMean();
}
