// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import java.util.Map;

/**
 * A revision the worker deployed.
 *
 * @param function the function
 * @param revision the revision
 * @param source {@code registry:org/name/tag} or the download URL
 * @param sha256 digest of the module deployed
 * @param environment the {@code envVariables} it was deployed with
 * @param localUrl where this server serves it ({@code .../wasm/functions/f/r})
 * @param remoteUrl where the proxy serves it ({@code .../functions/f/r})
 */
public record WorkerDeployment(String function, String revision, String source, String sha256,
        Map<String, String> environment, String localUrl, String remoteUrl) {}
