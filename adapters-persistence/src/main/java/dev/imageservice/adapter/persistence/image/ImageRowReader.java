package dev.imageservice.adapter.persistence.image;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One image row read with plain JDBC, for a read outside any transaction (a GetImage): there is no
 * persistence context to consult or fill then, and Hibernate's loader, entity events and session
 * bookkeeping cost more than the query itself. It fills the same {@link ImageEntity} that Hibernate
 * maps, column for column; DatabaseImageRepositoryTest compares the two reads field by field, so a
 * column added to the entity and not here fails it.
 */
final class ImageRowReader {

    private static final String SELECT = "select id, owner_id, name, version, description, homepage, eula, os, type,"
            + " requirements_json, tags_json, acl_json, is_public, state, error_code, error_message, file_sha1,"
            + " file_size, file_compression, file_sha256, origin_id, published_at, revision from image where id = ?";

    private ImageRowReader() {
    }

    /** The row, or null when there is none. */
    static ImageEntity read(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT)) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? toEntity(rows) : null;
            }
        }
    }

    private static ImageEntity toEntity(ResultSet rows) throws SQLException {
        ImageEntity row = new ImageEntity();
        row.id = rows.getObject("id", UUID.class);
        row.ownerId = rows.getObject("owner_id", UUID.class);
        row.name = rows.getString("name");
        row.version = rows.getString("version");
        row.description = rows.getString("description");
        row.homepage = rows.getString("homepage");
        row.eula = rows.getString("eula");
        row.os = rows.getString("os");
        row.type = rows.getString("type");
        row.requirementsJson = rows.getString("requirements_json");
        row.tagsJson = rows.getString("tags_json");
        row.aclJson = rows.getString("acl_json");
        row.isPublic = rows.getBoolean("is_public");
        row.state = rows.getString("state");
        row.errorCode = rows.getString("error_code");
        row.errorMessage = rows.getString("error_message");
        row.fileSha1 = rows.getString("file_sha1");
        row.fileSize = rows.getObject("file_size", Long.class);
        row.fileCompression = rows.getString("file_compression");
        row.fileSha256 = rows.getString("file_sha256");
        row.originId = rows.getObject("origin_id", UUID.class);
        OffsetDateTime publishedAt = rows.getObject("published_at", OffsetDateTime.class);
        row.publishedAt = publishedAt == null ? null : publishedAt.toInstant();
        row.revision = rows.getLong("revision");
        return row;
    }
}
