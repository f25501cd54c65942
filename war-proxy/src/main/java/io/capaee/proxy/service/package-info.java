// SPDX-License-Identifier: Apache-2.0
/** The proxy's configuration, its route table (key/value store) and the YAML routes file loaded at start. */
package io.capaee.proxy.service;
