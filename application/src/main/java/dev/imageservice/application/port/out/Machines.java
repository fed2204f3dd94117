package dev.imageservice.application.port.out;

import dev.imageservice.domain.machine.Machine;
import dev.imageservice.domain.machine.MachineState;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The compute side: a caller's machines, their power state and their disks. */
public interface Machines {

    Optional<Machine> findById(UUID id);

    /** The owner's machines ordered by name; {@code name} null means any. */
    List<Machine> list(UUID owner, String name, int limit, int offset);

    long count(UUID owner, String name);

    /** Every machine, by owner and name. */
    List<Machine> listAll();

    void add(Machine machine);

    void setState(UUID machineId, MachineState state);

    /**
     * About how many bytes {@link #writeDisk} will write: a file's size, a directory's tar stream
     * as its entries' headers and contents add up (long names add a little more).
     */
    long diskSize(Machine machine) throws IOException;

    /** Writes the machine's disk: a file's bytes as they are, a directory as a tar stream. */
    void writeDisk(Machine machine, OutputStream out) throws IOException;
}
