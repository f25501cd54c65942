// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The gateway's JAX-RS API under the context root {@code /}: the route registration API, and
 * Capsule's 404 for every other path. {@code /functions/*} is the forwarding servlet's (a longer
 * servlet mapping wins over this application's {@code /*}).
 */
@ApplicationPath("/")
public class ProxyApplication extends Application {}
