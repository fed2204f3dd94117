package dev.imageservice.application.service;

import dev.imageservice.application.port.out.Machines;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.machine.Machine;
import dev.imageservice.domain.machine.MachineState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Machines in memory; a machine's disk is its {@code disk} text, or a failure when it names none. */
final class InMemoryMachines implements Machines {

    static final String UNREADABLE = "unreadable";

    private final Map<UUID, Machine> stored = new LinkedHashMap<>();
    /** Every state change, in order: what the job did to the machine. */
    final List<MachineState> stateChanges = new ArrayList<>();
    /** Runs once a disk is written: what happens elsewhere while the job streams. */
    Runnable afterWrite = () -> { };

    Machine of(Account owner, UUID image, MachineState state, String disk) {
        Machine machine = new Machine(UUID.randomUUID(), "vm", owner.id(), state, "joyent", image, disk);
        add(machine);
        return machine;
    }

    @Override
    public Optional<Machine> findById(UUID id) {
        return Optional.ofNullable(stored.get(id));
    }

    @Override
    public List<Machine> list(UUID owner, String name, int limit, int offset) {
        return stored.values().stream().filter(m -> m.isOwnedBy(owner) && (name == null || m.name().equals(name)))
                .sorted(Comparator.comparing(Machine::name)).skip(offset).limit(limit).toList();
    }

    @Override
    public long count(UUID owner, String name) {
        return list(owner, name, Integer.MAX_VALUE, 0).size();
    }

    @Override
    public List<Machine> listAll() {
        return List.copyOf(stored.values());
    }

    @Override
    public void add(Machine machine) {
        stored.put(machine.id(), machine);
    }

    @Override
    public void setState(UUID machineId, MachineState state) {
        Machine m = stored.get(machineId);
        stored.put(machineId, new Machine(m.id(), m.name(), m.owner(), state, m.brand(), m.image(), m.disk()));
        stateChanges.add(state);
    }

    @Override
    public long diskSize(Machine machine) throws IOException {
        if (machine.disk().equals(UNREADABLE)) {
            throw new IOException("disk went away");
        }
        return machine.disk().getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public void writeDisk(Machine machine, OutputStream out) throws IOException {
        if (machine.disk().equals(UNREADABLE)) {
            throw new IOException("disk went away");
        }
        out.write(machine.disk().getBytes(StandardCharsets.UTF_8));
        afterWrite.run();
    }
}
