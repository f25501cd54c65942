// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.inject;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names the building-block component to inject, e.g. {@code @CapaComponent("statestore")}. */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface CapaComponent {
    /** The component's name, as in server.xml and the Dapr API paths. */
    @Nonbinding
    String value();
}
