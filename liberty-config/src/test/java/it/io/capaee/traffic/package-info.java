// SPDX-License-Identifier: Apache-2.0
/** End-to-end tests of the traffic rules: the gateway's routing and the sample application's outbound calls. */
package it.io.capaee.traffic;
