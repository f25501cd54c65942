// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java actor class and gives its wire name (what callers put in
 * {@code /v1.0/actors/{type}/...}). The class needs a public constructor taking an
 * {@link ActorContext} or none; the runtime creates one instance per active actor id and calls it
 * one turn at a time. Its public methods with zero or one parameter are the actor's methods, named
 * by {@link ActorMethod} or by their Java name; arguments and results are JSON (JSON-B).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ActorType {
    /** The wire name of the type. */
    String value();

    /** Idle time after which an actor of this type is deactivated (ISO-8601); empty: the server default. */
    String idleTimeout() default "";
}
