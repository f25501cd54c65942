// SPDX-License-Identifier: Apache-2.0
/** Dapr's reminder and timer schedule formats: RFC3339 times, Go and ISO-8601 durations, repetitions. */
package io.capaee.actors.schedule;
