package dev.imageservice.domain.machine;

import java.util.Objects;
import java.util.UUID;

/**
 * A caller's machine, as far as image creation needs it.
 *
 * @param image the image it was provisioned from; null when unknown (then it cannot be imaged)
 * @param disk  where its disk lives: a file (taken as is) or a directory (taken as a tar stream)
 */
public record Machine(UUID id, String name, UUID owner, MachineState state, String brand, UUID image, String disk) {

    public Machine {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(disk, "disk");
    }

    public boolean isOwnedBy(UUID account) {
        return owner.equals(account);
    }

}
