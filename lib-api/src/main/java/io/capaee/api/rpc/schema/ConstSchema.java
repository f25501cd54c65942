// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import java.util.List;

/** {@code const name :Type = value;} with the value converted to its Java form. */
public record ConstSchema(String name, String qualifiedName, long id, Type type, Object value,
        List<AnnotationUse> annotations) implements Declaration {}
