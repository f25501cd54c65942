// SPDX-License-Identifier: Apache-2.0
/** The {@code mqtt} output binding: publishes to an MQTT broker and waits for its acknowledgement. */
package io.capaee.connector.binding.mqtt;
