// SPDX-License-Identifier: Apache-2.0
/**
 * What Java generated from {@code .capnp} files needs in lib-api: the small runtime the generated
 * records, enums and interfaces call, and the {@link io.capaee.api.rpc.codegen.CapnpSchema} annotation
 * that asks for them. The generators themselves run at build time and are not part of the server: the
 * annotation processor {@code CapnpProcessor} and the command line {@code JavaGenerator} (e.g. run by
 * exec-maven-plugin) are in the jar {@code tools-rpc-codegen}.
 */
package io.capaee.api.rpc.codegen;
