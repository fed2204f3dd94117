package dev.imageservice.adapter.persistence.machine;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "machine")
public class MachineEntity {

    @Id
    public UUID id;
    public String name;
    @Column(name = "owner_id")
    public UUID ownerId;
    public String state;
    public String brand;
    @Column(name = "image_id")
    public UUID imageId;
    public String disk;
}
