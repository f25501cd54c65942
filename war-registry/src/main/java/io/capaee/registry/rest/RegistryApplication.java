// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The registry API, under the WAR's context root {@code /registry}. */
@ApplicationPath("/")
public class RegistryApplication extends Application {}
