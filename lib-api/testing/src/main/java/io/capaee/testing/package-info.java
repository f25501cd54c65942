// SPDX-License-Identifier: Apache-2.0
/** Test helpers shared by the modules' tests: a module of their own (test scope everywhere), not lib-api's test
 * jar, because Liberty's dev mode resolves a reactor module's main classes but not its test jar. */
package io.capaee.testing;
