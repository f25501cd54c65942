// SPDX-License-Identifier: Apache-2.0
/** Request bodies read as JSON with errors that name the field, shared by the WARs. */
package io.capaee.api.json;
