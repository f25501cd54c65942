// SPDX-License-Identifier: Apache-2.0
/**
 * Example Java actors, in the EAR's {@code lib/} only when it is built with the sample (Maven profile
 * {@code sample}) and hosted only when listed in {@code capa.actors.classes} (the end-to-end tests and
 * the actors page's curl examples do); the actor runtime's unit tests host them too.
 */
package io.capaee.actors.examples;
