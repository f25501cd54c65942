// SPDX-License-Identifier: Apache-2.0
/** Test helpers shared with the other modules' tests through lib-api's test jar. */
package io.capaee.api.testing;
