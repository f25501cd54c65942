// SPDX-License-Identifier: Apache-2.0
/**
 * JMX for every part of Capa EE, under the domain {@code io.capaee}: {@link io.capaee.api.jmx.ManagedBeans}
 * registers a module's MBeans and takes them all away again when the module stops, so that an
 * application restart finds no MBean of its previous run in the way.
 */
package io.capaee.api.jmx;
