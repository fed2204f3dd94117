package dev.imageservice.adapter.persistence.files;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One distinct image file content, how many images reference it, and how many storers hold it for an image to come. */
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
    public int holds;
    @Column(name = "last_held")
    public Instant lastHeld;
    public Instant created;
}
