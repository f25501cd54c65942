// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

/** The two ways an engine runs guests; every engine-level test runs under both. */
public enum EngineKind {
    COMPILER(true),
    INTERPRETER(false);

    private final boolean useCompiler;

    EngineKind(boolean useCompiler) {
        this.useCompiler = useCompiler;
    }

    public boolean useCompiler() {
        return useCompiler;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
