// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

/** An annotation applied to a declaration, field, enumerant, method or parameter, with its value. */
public record AnnotationUse(AnnotationSchema annotation, Object value) {}
