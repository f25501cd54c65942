// SPDX-License-Identifier: Apache-2.0
/**
 * Java records, enums and interfaces generated from {@code .capnp} files at build time
 * ({@link io.capaee.api.rpc.codegen.JavaGenerator}, run by exec-maven-plugin), and the small
 * runtime they call.
 */
package io.capaee.api.rpc.codegen;
