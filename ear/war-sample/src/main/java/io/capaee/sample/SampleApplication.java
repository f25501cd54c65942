// SPDX-License-Identifier: Apache-2.0
package io.capaee.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The sample's JAX-RS API under its context root {@code /sample}. */
@ApplicationPath("/")
public class SampleApplication extends Application {}
