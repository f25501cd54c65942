// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import java.util.List;

/** {@code annotation name(targets) :Type;} */
public record AnnotationSchema(String name, String qualifiedName, long id, List<String> targets, Type type,
        List<AnnotationUse> annotations) implements Declaration {}
