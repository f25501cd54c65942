// SPDX-License-Identifier: Apache-2.0
/** Document-database query connections (Couchbase SQL++), as the resource adapter provides them. */
package io.capaee.api.query;
