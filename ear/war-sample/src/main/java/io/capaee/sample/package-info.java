// SPDX-License-Identifier: Apache-2.0
/**
 * A sample application in the EAR that uses the building blocks the way application code does
 * (proxyless mode): it injects the state store with {@code @Inject @CapaComponent} and the lock
 * store with {@code @Resource(lookup = ...)}, and shares both with Dapr clients of the sidecar API.
 * It is also the end-to-end evidence of that mode ({@code ProxylessIT}). It is not in the default EAR:
 * the Maven profile {@code sample} of {@code ear/pom.xml} adds it (on by itself unless {@code -DskipITs}).
 */
package io.capaee.sample;
