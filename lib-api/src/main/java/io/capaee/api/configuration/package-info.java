// SPDX-License-Identifier: Apache-2.0
/**
 * The configuration building block (Dapr's configuration API, cloud-runtimes'
 * {@code ConfigurationRuntimes}): read items by key and subscribe to their changes. Stores:
 * Redis through the resource adapter ({@code @Resource(lookup = "eis/capa/configuration/NAME")
 * ConfigurationConnectionFactory}; changes pushed by keyspace notifications) and MicroProfile
 * Config ({@link io.capaee.api.configuration.MicroProfileConfigurationStore}, polled).
 */
package io.capaee.api.configuration;
