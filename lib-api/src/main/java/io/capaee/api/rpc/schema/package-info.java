// SPDX-License-Identifier: Apache-2.0
/**
 * The Cap'n Proto schema language subset of cara (connect-and-cara B1): parser, resolved model
 * with wire ids, and dynamic values readable and writable by field name or id.
 */
package io.capaee.api.rpc.schema;
