// SPDX-License-Identifier: Apache-2.0
/** Crash tests: a second server killed with kill -9 mid-work and started again; what came back is counted. */
package it.io.capaee.durability;
