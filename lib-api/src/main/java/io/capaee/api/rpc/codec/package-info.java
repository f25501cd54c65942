// SPDX-License-Identifier: Apache-2.0
/** cara's msgpack "field shrinking" encoding (connect-and-cara B3), byte for byte. */
package io.capaee.api.rpc.codec;
