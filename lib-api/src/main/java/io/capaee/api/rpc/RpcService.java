// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

import io.capaee.api.rpc.schema.InterfaceSchema;
import io.capaee.api.rpc.schema.Schema;

/**
 * A service to publish over RPC: a CDI bean of this type in the gateway is registered under
 * {@link #name()} at start.
 */
public interface RpcService {
    String name();

    Schema schema();

    InterfaceSchema iface();

    RpcHandler handler();
}
