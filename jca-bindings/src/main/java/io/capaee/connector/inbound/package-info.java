// SPDX-License-Identifier: Apache-2.0
/**
 * Inbound bindings: activation specs feeding message-driven beans. Each activated endpoint is one
 * {@link InboundEndpoint} ({@link EndpointLoop}), read in short works on the container's
 * {@code WorkManager} that hold a thread only while they deliver ({@link WorkPacer}); it hands
 * the messages it takes to a {@link DeliveryLine}, which retries them in later turns rather than
 * by sleeping. It is started in {@code endpointActivation} and stopped in
 * {@code endpointDeactivation} (or when the adapter stops), in one place: {@link InboundEndpoints}.
 */
package io.capaee.connector.inbound;
