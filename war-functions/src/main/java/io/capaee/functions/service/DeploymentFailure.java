// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.service;

import java.time.Instant;

/** The last failed attempt to deploy a revision; shown in the listing until it succeeds. */
public record DeploymentFailure(String name, String revision, String source, String message, Instant at) {}
