// SPDX-License-Identifier: Apache-2.0
/**
 * Redis streams inbound: a consumer group, at-least-once: an entry is acknowledged ({@code XACK})
 * only after the bean returned or the entry was dead-lettered; entries left pending by a previous
 * run of this consumer are delivered first.
 */
package io.capaee.connector.inbound.redis;
