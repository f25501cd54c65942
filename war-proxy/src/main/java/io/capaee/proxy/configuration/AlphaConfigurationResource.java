// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.configuration;

import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import jakarta.ws.rs.Path;

/** The same API at its pre-1.11 alpha path, which Dapr still serves. */
@RequiresAccess(Access.APP)
@Path("/v1.0-alpha1/configuration/{store}")
public class AlphaConfigurationResource extends ConfigurationResource {}
