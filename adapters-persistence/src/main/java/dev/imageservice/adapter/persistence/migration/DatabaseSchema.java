package dev.imageservice.adapter.persistence.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables of one database (the H2 file or PostgreSQL), read from JDBC's metadata and named in
 * lower case. H2 keeps unquoted names in upper case and PostgreSQL in lower case; every statement
 * made here quotes the name the database itself reports, so the two meet on the lower-case name.
 */
final class DatabaseSchema {

    /** Flyway's table: it records how each database was made, and is no data to move. */
    private static final String HISTORY = "flyway_schema_history";

    private final Connection connection;
    private final String schema;
    /** Lower-case name to the name the database reports, history included. */
    private final Map<String, String> names = new TreeMap<>();

    private DatabaseSchema(Connection connection) throws SQLException {
        this.connection = connection;
        this.schema = connection.getSchema();
        try (ResultSet tables = connection.getMetaData().getTables(null, schema, "%", null)) {
            while (tables.next()) {
                // PostgreSQL says TABLE, H2 2 BASE TABLE; views, indexes and sequences are neither.
                String type = tables.getString("TABLE_TYPE");
                if ("TABLE".equals(type) || "BASE TABLE".equals(type)) {
                    String name = tables.getString("TABLE_NAME");
                    names.put(name.toLowerCase(Locale.ROOT), name);
                }
            }
        }
    }

    static DatabaseSchema of(Connection connection) throws SQLException {
        return new DatabaseSchema(connection);
    }

    /** The tables holding the service's data. */
    Set<String> tables() {
        Set<String> tables = new TreeSet<>(names.keySet());
        tables.remove(HISTORY);
        return tables;
    }

    /** The version of the newest migration Flyway applied. */
    String schemaVersion() throws SQLException {
        String history = names.get(HISTORY);
        if (history == null) {
            throw new SQLException("the database has no " + HISTORY + ": it was not made by this service");
        }
        try (Statement statement = connection.createStatement();
             ResultSet newest = statement.executeQuery("select \"version\" from " + quote(history)
                     + " where \"success\" and \"version\" is not null order by \"installed_rank\" desc")) {
            if (!newest.next()) {
                throw new SQLException("no migration was applied to the database");
            }
            return newest.getString(1);
        }
    }

    /** The table's columns, lower case, in their order in the table. */
    List<String> columns(String table) throws SQLException {
        return new ArrayList<>(columnNames(table).keySet());
    }

    /** {@code select "A", "B" from "T"} with the names as this database spells them. */
    String select(String table, List<String> columns) throws SQLException {
        Map<String, String> actual = columnNames(table);
        List<String> quoted = new ArrayList<>();
        for (String column : columns) {
            String name = actual.get(column);
            if (name == null) {
                throw new SQLException("table " + table + " has no column " + column);
            }
            quoted.add(quote(name));
        }
        return "select " + String.join(", ", quoted) + " from " + quote(actualName(table));
    }

    /** {@code insert into "T" ("A", "B") values (?, ?)} for every column of the table. */
    String insert(String table) throws SQLException {
        List<String> quoted = columnNames(table).values().stream().map(DatabaseSchema::quote).toList();
        return "insert into " + quote(actualName(table)) + " (" + String.join(", ", quoted) + ") values ("
                + String.join(", ", quoted.stream().map(column -> "?").toList()) + ")";
    }

    long count(String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from " + quote(actualName(table)))) {
            count.next();
            return count.getLong(1);
        }
    }

    /** The tables in an order in which each comes after the tables its foreign keys reference. */
    List<String> insertionOrder() throws SQLException {
        Map<String, Set<String>> referenced = new LinkedHashMap<>();
        DatabaseMetaData metadata = connection.getMetaData();
        for (String table : tables()) {
            Set<String> parents = new TreeSet<>();
            try (ResultSet keys = metadata.getImportedKeys(null, schema, actualName(table))) {
                while (keys.next()) {
                    parents.add(keys.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
            parents.remove(table);
            referenced.put(table, parents);
        }
        List<String> order = new ArrayList<>();
        while (order.size() < referenced.size()) {
            String next = referenced.entrySet().stream()
                    .filter(entry -> !order.contains(entry.getKey()) && order.containsAll(entry.getValue()))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new SQLException("the foreign keys among " + referenced.keySet() + " form a cycle"));
            order.add(next);
        }
        return order;
    }

    private Map<String, String> columnNames(String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        String name = actualName(table);
        try (ResultSet all = connection.getMetaData().getColumns(null, schema, name, "%")) {
            Map<Integer, String> byPosition = new TreeMap<>();
            while (all.next()) {
                // The name is a pattern, in which _ stands for any character: keep this table's columns only.
                if (all.getString("TABLE_NAME").equals(name)) {
                    byPosition.put(all.getInt("ORDINAL_POSITION"), all.getString("COLUMN_NAME"));
                }
            }
            byPosition.values().forEach(column -> columns.put(column.toLowerCase(Locale.ROOT), column));
        }
        return columns;
    }

    private String actualName(String table) throws SQLException {
        String name = names.get(table);
        if (name == null || table.equals(HISTORY)) {
            throw new SQLException("the database has no table " + table);
        }
        return name;
    }

    private static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
