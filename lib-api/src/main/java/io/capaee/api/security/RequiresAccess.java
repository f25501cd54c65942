// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The level a JAX-RS resource method (or every method of a class) needs, checked by {@link AccessFilter}.
 * A method's annotation wins over its class's; a resource with neither needs {@link Access#ADMIN}, so that
 * a new endpoint is closed until someone decides otherwise.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresAccess {
    Access value();
}
