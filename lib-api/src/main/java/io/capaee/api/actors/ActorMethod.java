// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The wire name of an actor method, so that renaming the Java method breaks no caller or stored timer. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ActorMethod {
    String value();
}
