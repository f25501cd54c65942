// SPDX-License-Identifier: Apache-2.0
/** What the generated OpenAPI document of the JAX-RS APIs cannot know by itself: how every API answers an error. */
package io.capaee.api.openapi;
