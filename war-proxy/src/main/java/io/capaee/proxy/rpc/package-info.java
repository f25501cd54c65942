// SPDX-License-Identifier: Apache-2.0
/** Schema-first RPC over HTTP ({@code /v1.0-alpha1/rpc}) and the gateway's built-in RPC service. */
package io.capaee.proxy.rpc;
