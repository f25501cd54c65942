// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.codegen;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks the annotation processor {@code io.capaee.api.rpc.codegen.CapnpProcessor} (jar
 * {@code tools-rpc-codegen}, on the processor path) to generate Java from Cap'n Proto schemas while
 * this package (or type) compiles, e.g. on a {@code package-info.java}:
 * {@code @CapnpSchema("rpc/orders.capnp") package com.example.orders;}. The files are read from the
 * compiled resources (Maven copies {@code src/main/resources} there first), then from the source path,
 * then from the class path.
 */
@Retention(RetentionPolicy.SOURCE)
@Target({ElementType.PACKAGE, ElementType.TYPE})
public @interface CapnpSchema {
    /** Schema files, relative to the resources root; their imports are resolved beside them. */
    String[] value();

    /** The package of the generated types; empty: the annotated element's package. */
    String javaPackage() default "";
}
