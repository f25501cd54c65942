// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.codec;

import io.capaee.api.rpc.schema.InterfaceSchema;
import java.io.IOException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;

/**
 * How interface-typed values (capabilities, cara's ext types 100/101) are written and read; the
 * RPC layer supplies one per connection, since a capability only means something to its peer.
 */
public interface CapabilityCodec {
    void write(MessagePacker packer, InterfaceSchema type, Object capability) throws IOException;

    Object read(MessageUnpacker unpacker, InterfaceSchema type) throws IOException;

    /** Refuses every capability: outside a call there is nobody to call it back. */
    CapabilityCodec NONE = new CapabilityCodec() {
        @Override
        public void write(MessagePacker packer, InterfaceSchema type, Object capability) {
            throw new EncodeException("an " + type.displayName() + " capability can only be passed in an RPC call over a "
                    + "transport that carries callbacks (NATS)");
        }

        @Override
        public Object read(MessageUnpacker unpacker, InterfaceSchema type) {
            throw new DecodeException("an " + type.displayName() + " capability can only be received in an RPC call over a "
                    + "transport that carries callbacks (NATS)");
        }
    };
}
