// SPDX-License-Identifier: Apache-2.0
/** The real Kafka broker (KRaft, from Maven Central artifacts) that the build runs for the tests. */
package it.io.capaee.kafka;
