// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.kv;

/** A fenced write was refused: its {@link Fence}'s key no longer holds the fence's value. */
public class FencedException extends KeyValueException {
    private static final long serialVersionUID = 1L;

    public FencedException(Fence fence) {
        super("the write was fenced off: " + fence.key() + " no longer holds this writer's token");
    }
}
