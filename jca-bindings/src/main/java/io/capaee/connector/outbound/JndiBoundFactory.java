// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import jakarta.resource.Referenceable;
import java.io.Serializable;
import javax.naming.Reference;

/**
 * Base of the connection factories the container binds in JNDI: it keeps the {@link Reference}
 * the container sets, which the JCA contract ({@link Referenceable}) asks each of them to hold.
 */
public abstract class JndiBoundFactory implements Serializable, Referenceable {
    private static final long serialVersionUID = 1L;

    private Reference reference;

    @Override
    public final void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public final Reference getReference() {
        return reference;
    }
}
