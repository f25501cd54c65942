// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import java.util.List;

/**
 * A field of a struct, group or parameter list.
 *
 * @param index the wire id: the field's index in its scope (connect-and-cara B1), not its ordinal
 * @param ordinal the {@code @N} ordinal, or the lowest ordinal inside a group or named union
 * @param group whether this is a group or named union (its type is then the group's struct)
 * @param inUnion whether this is a member of its scope's unnamed union
 * @param defaultValue the explicit default in Java form, or null
 */
public record Field(String name, int index, int ordinal, Type type, boolean group, boolean inUnion,
        Object defaultValue, List<AnnotationUse> annotations) {}
