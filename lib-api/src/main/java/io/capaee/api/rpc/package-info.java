// SPDX-License-Identifier: Apache-2.0
/**
 * Schema-first RPC: services described by Cap'n Proto schemas, values in cara's msgpack
 * encoding, calls over HTTP or NATS. Start with {@link io.capaee.api.rpc.schema.SchemaParser},
 * {@link io.capaee.api.rpc.codec.CaraCodec}, {@link io.capaee.api.rpc.RpcServer} and
 * {@link io.capaee.api.rpc.RpcClient}.
 */
package io.capaee.api.rpc;
