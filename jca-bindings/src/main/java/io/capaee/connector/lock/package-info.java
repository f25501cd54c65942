// SPDX-License-Identifier: Apache-2.0
/** Lock stores ({@code eis/capa/lock/NAME}): the connection definition and the memory and Redis leases. */
package io.capaee.connector.lock;
