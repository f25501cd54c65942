// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

import io.capaee.api.database.DatabaseException.Reason;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Java values to statement parameters and result columns to Java values, by JDBC type, the same for
 * every driver: whole numbers as {@code Long}, exact decimals as {@code BigDecimal} (never rounded
 * through a double), binary as {@code byte[]}, date and time as {@code java.time}, and anything the
 * driver has its own class for (PostgreSQL's json, arrays, intervals) as the database's text.
 */
final class SqlValues {
    private SqlValues() {}

    static void bind(PreparedStatement statement, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            bind(statement, i + 1, params.get(i));
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof String s) {
            statement.setString(index, s);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            statement.setLong(index, ((Number) value).longValue());
        } else if (value instanceof BigInteger b) {
            statement.setBigDecimal(index, new BigDecimal(b));
        } else if (value instanceof BigDecimal d) {
            statement.setBigDecimal(index, d);
        } else if (value instanceof Double || value instanceof Float) {
            statement.setDouble(index, ((Number) value).doubleValue());
        } else if (value instanceof Boolean b) {
            statement.setBoolean(index, b);
        } else if (value instanceof byte[] bytes) {
            statement.setBytes(index, bytes);
        } else if (value instanceof LocalDate || value instanceof LocalDateTime || value instanceof LocalTime
                || value instanceof OffsetDateTime) {
            statement.setObject(index, value);
        } else {
            throw new DatabaseException(Reason.REQUEST, "parameter " + index + " is a " + value.getClass().getSimpleName()
                    + ", which is not one of the kinds a database parameter can be");
        }
    }

    static List<Column> columns(ResultSetMetaData meta) throws SQLException {
        List<Column> columns = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String type = meta.getColumnTypeName(i);
            columns.add(new Column(meta.getColumnLabel(i), type == null ? "" : type.toLowerCase(Locale.ROOT), jdbcName(meta.getColumnType(i))));
        }
        return columns;
    }

    private static String jdbcName(int type) {
        try {
            return JDBCType.valueOf(type).getName();
        } catch (IllegalArgumentException e) {
            return "OTHER";
        }
    }

    /** The current row, in column order. */
    static List<Object> row(ResultSet rows, ResultSetMetaData meta) throws SQLException {
        int count = meta.getColumnCount();
        List<Object> row = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            row.add(value(rows, i, meta.getColumnType(i), meta.getColumnTypeName(i)));
        }
        return Collections.unmodifiableList(row);
    }

    private static Object value(ResultSet rows, int i, int type, String typeName) throws SQLException {
        Object value = switch (type) {
            case Types.BIT, Types.BOOLEAN -> bitOrBoolean(rows, i, typeName);
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> rows.getLong(i);
            case Types.BIGINT -> {
                // MariaDB's BIGINT UNSIGNED reaches 2^64-1: beyond a long, so read it exactly
                BigDecimal d = rows.getBigDecimal(i);
                yield d == null ? null : d.toBigInteger().bitLength() < 64 ? (Object) d.longValueExact() : d;
            }
            case Types.NUMERIC, Types.DECIMAL -> rows.getBigDecimal(i);
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> rows.getDouble(i);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> rows.getBytes(i);
            case Types.DATE -> rows.getObject(i, LocalDate.class);
            case Types.TIME -> rows.getObject(i, LocalTime.class);
            case Types.TIMESTAMP -> typeName != null && typeName.toLowerCase(Locale.ROOT).contains("tz")
                    ? rows.getObject(i, OffsetDateTime.class) // PostgreSQL reports timestamptz as TIMESTAMP
                    : rows.getObject(i, LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE -> rows.getObject(i, OffsetDateTime.class);
            default -> rows.getString(i);
        };
        return rows.wasNull() ? null : value;
    }

    /** PostgreSQL reports boolean as BIT; a real bit string (bit(8), MariaDB's BIT(n)) is its text. */
    private static Object bitOrBoolean(ResultSet rows, int i, String typeName) throws SQLException {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (name.equals("bool") || name.equals("boolean") || name.equals("tinyint")) {
            return rows.getBoolean(i);
        }
        return rows.getString(i);
    }

}
