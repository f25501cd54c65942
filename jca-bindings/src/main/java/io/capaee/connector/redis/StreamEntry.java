// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.redis;

import java.util.Map;

/** One entry of a Redis stream: its id ({@code 1700000000000-0}) and its fields, in stream order. */
public record StreamEntry(String id, Map<String, String> fields) {}
