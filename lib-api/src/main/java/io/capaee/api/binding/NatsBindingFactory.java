// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.binding;

/** Output binding to NATS core or JetStream (operations create: publish, request: request-reply; jnats). */
public interface NatsBindingFactory extends OutputBindingFactory {}
