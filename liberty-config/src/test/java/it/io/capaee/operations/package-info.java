// SPDX-License-Identifier: Apache-2.0
/** End-to-end tests of monitoring: health, metrics, JMX. */
package it.io.capaee.operations;
