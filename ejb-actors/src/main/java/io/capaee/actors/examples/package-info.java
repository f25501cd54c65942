// SPDX-License-Identifier: Apache-2.0
/**
 * Example Java actors, shipped inert: a server hosts them only when listed in
 * {@code capa.actors.classes} (the end-to-end tests and the README's curl examples do).
 */
package io.capaee.actors.examples;
