// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

/**
 * A reminder or timer as Dapr's API registers it; the strings keep Dapr's formats (RFC3339 time,
 * Go duration such as {@code 1m30s}, ISO-8601 duration such as {@code PT1M30S}, with {@code Rn/}
 * repetitions for the period). Blank fields mean "not given".
 *
 * @param data the JSON payload echoed on every firing, or {@code null}
 * @param callback the method a timer calls (timers only)
 */
public record ScheduleSpec(String dueTime, String period, String ttl, String data, String callback) {}
