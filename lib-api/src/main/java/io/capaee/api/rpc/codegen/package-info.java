// SPDX-License-Identifier: Apache-2.0
/**
 * Java records, enums and interfaces generated from {@code .capnp} files at build time: by the
 * annotation processor ({@link io.capaee.api.rpc.codegen.CapnpProcessor} for
 * {@link io.capaee.api.rpc.codegen.CapnpSchema}) or the command line
 * ({@link io.capaee.api.rpc.codegen.JavaGenerator}, e.g. run by exec-maven-plugin), and the small
 * runtime they call.
 */
package io.capaee.api.rpc.codegen;
