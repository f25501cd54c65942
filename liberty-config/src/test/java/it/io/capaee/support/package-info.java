// SPDX-License-Identifier: Apache-2.0
/** The end-to-end tests' fixtures: clients of the test server, second servers, fake apps and upstreams. No tests here. */
package it.io.capaee.support;
