// SPDX-License-Identifier: Apache-2.0
/**
 * MQTT inbound: messages of a topic filter (optionally a shared subscription, so that servers
 * share them) delivered to a bean, with retries and dead letters; each message is acknowledged to
 * the broker only once delivered or dead-lettered.
 */
package io.capaee.connector.inbound.mqtt;
