// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The functions API, under the WAR's context root {@code /wasm}. */
@ApplicationPath("/")
public class FunctionsApplication extends Application {}
