package dev.imageservice.adapter.persistence.image;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** The stored form of an image; mapped to and from the domain by {@link ImageMapper}. */
@Entity
@Table(name = "image")
public class ImageEntity {

    @Id
    public UUID id;
    @Column(name = "owner_id")
    public UUID ownerId;
    public String name;
    public String version;
    public String description;
    public String homepage;
    public String eula;
    public String os;
    public String type;
    // The json columns are clob (H2) or text (PostgreSQL): plain strings on both; @Lob would make
    // PostgreSQL use its large-object store.
    @Column(name = "requirements_json")
    public String requirementsJson;
    @Column(name = "tags_json")
    public String tagsJson;
    @Column(name = "acl_json")
    public String aclJson;
    @Column(name = "is_public")
    public boolean isPublic;
    public String state;
    @Column(name = "error_code")
    public String errorCode;
    @Column(name = "error_message")
    public String errorMessage;
    @Column(name = "file_sha1")
    public String fileSha1;
    @Column(name = "file_size")
    public Long fileSize;
    @Column(name = "file_compression")
    public String fileCompression;
    @Column(name = "file_sha256")
    public String fileSha256;
    @Column(name = "origin_id")
    public UUID originId;
    @Column(name = "published_at")
    public Instant publishedAt;
    @Version
    public long revision;
}
