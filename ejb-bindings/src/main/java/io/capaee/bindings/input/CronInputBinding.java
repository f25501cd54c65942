// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.inbound.CronListener;
import jakarta.ejb.MessageDriven;

/**
 * The cron input binding: every tick of the schedule of the activation spec
 * {@code capa-ee/ejb-bindings/CronInputBinding} is an empty event (metadata {@code schedule} and
 * {@code time}) to its {@code target}.
 */
@MessageDriven(name = "CronInputBinding")
public class CronInputBinding extends InputBinding implements CronListener {}
