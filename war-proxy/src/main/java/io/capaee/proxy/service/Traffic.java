// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.service;

import io.capaee.api.traffic.KeyValueTrafficRules;
import io.capaee.api.traffic.Router;
import io.capaee.api.traffic.TrafficStats;

/** The traffic rules of this server (shared through the key/value store), the router over them and its figures. */
public record Traffic(KeyValueTrafficRules rules, Router router, TrafficStats stats) {}
