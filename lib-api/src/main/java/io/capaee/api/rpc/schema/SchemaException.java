// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import io.capaee.api.rpc.RpcException;

/** A schema file could not be read, parsed or resolved; the message starts with {@code file:line:column}. */
public class SchemaException extends RpcException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final int column;

    public SchemaException(String file, int line, int column, String message) {
        super(file + ":" + line + ":" + column + ": " + message);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
