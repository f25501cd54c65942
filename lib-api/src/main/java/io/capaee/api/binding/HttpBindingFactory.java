// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.binding;

/** Output binding to an HTTP endpoint (operations get, head, post, put, patch, delete, options; JDK HTTP client). */
public interface HttpBindingFactory extends OutputBindingFactory {}
