package dev.imageservice.adapter.persistence.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "image_job")
public class ImageJobEntity {

    @Id
    public UUID id;
    @Column(name = "image_id")
    public UUID imageId;
    @Column(name = "machine_id")
    public UUID machineId;
    public String compression;
    public String state;
    @Column(name = "progress_bytes")
    public long progressBytes;
    @Column(name = "progress_total")
    public long progressTotal;
    public int attempts;
    public String error;
    @Column(name = "machine_stopped")
    public boolean machineStopped;
    public Instant created;
    public Instant started;
    public Instant updated;
    @Column(name = "lease_until")
    public Instant leaseUntil;
}
