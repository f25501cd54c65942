// SPDX-License-Identifier: Apache-2.0
/**
 * Output bindings (the Capa/Dapr Binding API from Java): one connection factory per binding,
 * bound by the resource adapter under the JNDI name {@code eis/binding/<name>} and configured in
 * server.xml. {@code POST /v1.0/bindings/{name}} calls the same factories. Every system has its
 * own factory type ({@link KafkaBindingFactory}, {@link NatsBindingFactory},
 * {@link RedisBindingFactory}, {@link MqttBindingFactory}, {@link RabbitMqBindingFactory}, {@link HttpBindingFactory},
 * {@link MemoryBindingFactory}, {@link MailBindingFactory}); all hand out the same {@link OutputBinding} connection, so code
 * that only invokes operations can use {@link OutputBindingFactory}. No broker client type appears here.
 */
package io.capaee.api.binding;
