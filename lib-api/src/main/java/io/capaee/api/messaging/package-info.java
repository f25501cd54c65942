// SPDX-License-Identifier: Apache-2.0
/**
 * A MicroProfile Reactive Messaging connector named {@code capa}: {@code @Incoming} and
 * {@code @Outgoing} methods (and {@code Emitter}s) of application code in the EAR read and write
 * Capa pub/sub topics. A channel is configured with
 * {@code mp.messaging.incoming.CHANNEL.connector=capa} (or {@code outgoing}) and, each optional,
 * {@code pubsub} (component name, default {@code pubsub}), {@code topic} (default the channel name)
 * and, incoming only, {@code group} (consumer group, default {@code capa.app.id}) and
 * {@code ack-timeout} (seconds, default 60). Needs Liberty's {@code mpReactiveMessaging-3.0}.
 */
package io.capaee.api.messaging;
