// SPDX-License-Identifier: Apache-2.0
/**
 * Output bindings: the JCA plumbing shared by every system (managed connection factory base,
 * managed connection, handle, connection factory base) around a {@link BindingTransport}, the
 * one object per binding that talks to the system. The systems live in the sub-packages.
 */
package io.capaee.connector.binding;
