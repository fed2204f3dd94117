package dev.imageservice.adapter.persistence.files;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One distinct image file content and how many images reference it. */
@Entity
@Table(name = "image_file_blob")
public class FileBlobEntity {

    @Id
    public String sha256;
    public String sha1;
    @Column(name = "md5_base64")
    public String md5Base64;
    public long size;
    @Column(name = "references_count")
    public int referencesCount;
    public Instant created;
}
