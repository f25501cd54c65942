// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.component;

/** One pub/sub subscription as {@code GET /v1.0/metadata} lists it; {@code type} DECLARATIVE or PROGRAMMATIC. */
public record SubscriptionInfo(String pubsubname, String topic, String path, String deadLetterTopic, String type) {}
