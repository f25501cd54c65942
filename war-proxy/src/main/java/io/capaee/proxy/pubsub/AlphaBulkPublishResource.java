// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import jakarta.ws.rs.Path;

/** The publish API at its alpha paths too: {@code /v1.0-alpha1/publish/bulk/{pubsub}/{topic}} is where Dapr's SDKs bulk-publish. */
@RequiresAccess(Access.APP)
@Path("/v1.0-alpha1/publish")
public class AlphaBulkPublishResource extends PublishResource {}
