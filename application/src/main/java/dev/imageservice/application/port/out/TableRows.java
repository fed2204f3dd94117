package dev.imageservice.application.port.out;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A database's rows, read table by table, as a migration copies them between two databases made by
 * the same schema migrations. Values are plain Java values (UUID, String, Long, Integer, Boolean,
 * OffsetDateTime, null).
 */
public interface TableRows {

    /** The tables that hold the service's data, in lower case; the migrations' own history is none of them. */
    Set<String> tables();

    /** Hands over each row of {@code table}, its values in the order of {@code columns}. */
    void forEachRow(String table, List<String> columns, Consumer<Object[]> row);
}
