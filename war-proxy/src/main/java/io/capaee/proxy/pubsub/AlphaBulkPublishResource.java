// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import jakarta.ws.rs.Path;

/** The publish API at its alpha paths too: {@code /v1.0-alpha1/publish/bulk/{pubsub}/{topic}} is where Dapr's SDKs bulk-publish. */
@Path("/v1.0-alpha1/publish")
public class AlphaBulkPublishResource extends PublishResource {}
