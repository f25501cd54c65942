// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import io.capaee.api.rpc.RpcException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A parsed and resolved schema file: its declarations by qualified name ({@code Outer.Inner}). */
public final class Schema {
    private final String file;
    private final long fileId;
    private final Map<String, Declaration> declarations;
    private final Map<String, String> sources;

    Schema(String file, long fileId, Map<String, Declaration> declarations, Map<String, String> sources) {
        this.file = file;
        this.fileId = fileId;
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        this.declarations = Collections.unmodifiableMap(new LinkedHashMap<>(declarations));
    }

    /**
     * The text of this file and of every file it imports (bundled ones included), by the import
     * path that named them ({@code file()} for this one): enough to load the schema again.
     */
    public Map<String, String> sources() {
        return sources;
    }

    public String file() {
        return file;
    }

    public long fileId() {
        return fileId;
    }

    /** Every declaration of the file, nested ones included, in source order. */
    public Collection<Declaration> declarations() {
        return declarations.values();
    }

    public Optional<Declaration> find(String qualifiedName) {
        return Optional.ofNullable(declarations.get(qualifiedName));
    }

    public StructSchema struct(String qualifiedName) {
        return get(qualifiedName, StructSchema.class, "struct");
    }

    public InterfaceSchema iface(String qualifiedName) {
        return get(qualifiedName, InterfaceSchema.class, "interface");
    }

    public EnumSchema enumType(String qualifiedName) {
        return get(qualifiedName, EnumSchema.class, "enum");
    }

    public ConstSchema constant(String qualifiedName) {
        return get(qualifiedName, ConstSchema.class, "const");
    }

    private <T> T get(String qualifiedName, Class<T> kind, String what) {
        Declaration d = declarations.get(qualifiedName);
        if (!kind.isInstance(d)) {
            throw new RpcException(file + " declares no " + what + " named '" + qualifiedName + "'");
        }
        return kind.cast(d);
    }
}
