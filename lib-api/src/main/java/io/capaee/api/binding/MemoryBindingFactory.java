// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.binding;

/** Output binding to an in-JVM store, the embedded default (operations create, get, delete, list). */
public interface MemoryBindingFactory extends OutputBindingFactory {}
