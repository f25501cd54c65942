// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

/** An entry of a bulk publish that the broker did not take, and what the caller learns of why. */
public record BulkFailure(String entryId, String error) {}
