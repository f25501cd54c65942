// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import java.util.List;

/**
 * A method of an interface. Parameters and results are structs: either a declared struct type
 * ({@code m @0 Foo -> Bar}, {@code paramsDeclared}) or the implicit struct of a parameter list,
 * whose field ids are the parameters' positions.
 *
 * @param index the method id: its index (= ordinal) in the declaring interface
 */
public record Method(String name, int index, StructSchema params, boolean paramsDeclared, StructSchema results,
        boolean resultsDeclared, List<String> typeParameters, List<AnnotationUse> annotations) {}
