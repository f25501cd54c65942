// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.reference;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS at the root of the WAR: {@code /reference/hello}. */
@ApplicationPath("/")
public class ReferenceApplication extends Application {}
