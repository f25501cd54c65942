// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

/**
 * Cap'n Proto's built-in value types. Java values: Void is {@link VoidValue#VOID}, Bool a Boolean,
 * Int8..Int32 and UInt8/UInt16 an Integer, Int64/UInt32/UInt64 a Long (UInt64 as its 64 bits),
 * Float32 a Float, Float64 a Double, Text a String, Data a byte[].
 */
public enum PrimitiveType implements Type {
    VOID("Void", 0, 0), BOOL("Bool", 0, 1),
    INT8("Int8", Byte.MIN_VALUE, Byte.MAX_VALUE), INT16("Int16", Short.MIN_VALUE, Short.MAX_VALUE),
    INT32("Int32", Integer.MIN_VALUE, Integer.MAX_VALUE), INT64("Int64", Long.MIN_VALUE, Long.MAX_VALUE),
    UINT8("UInt8", 0, 0xff), UINT16("UInt16", 0, 0xffff), UINT32("UInt32", 0, 0xffff_ffffL),
    UINT64("UInt64", Long.MIN_VALUE, Long.MAX_VALUE),
    FLOAT32("Float32", 0, 0), FLOAT64("Float64", 0, 0), TEXT("Text", 0, 0), DATA("Data", 0, 0);

    private final String capnpName;
    private final long min;
    private final long max;

    PrimitiveType(String capnpName, long min, long max) {
        this.capnpName = capnpName;
        this.min = min;
        this.max = max;
    }

    @Override
    public String displayName() {
        return capnpName;
    }

    public boolean isInteger() {
        return ordinal() >= INT8.ordinal() && ordinal() <= UINT64.ordinal();
    }

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** Whether the Java value of this type is a Long rather than an Integer. */
    public boolean isLong() {
        return this == INT64 || this == UINT32 || this == UINT64;
    }

    long min() {
        return min;
    }

    long max() {
        return max;
    }

    static PrimitiveType byName(String name) {
        for (PrimitiveType t : values()) {
            if (t.capnpName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
