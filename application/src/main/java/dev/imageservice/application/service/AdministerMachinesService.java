package dev.imageservice.application.service;

import dev.imageservice.application.port.in.AddMachineCommand;
import dev.imageservice.application.port.in.AdministerMachinesUseCase;
import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.application.port.out.Machines;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Uuids;
import dev.imageservice.domain.machine.Machine;
import dev.imageservice.domain.machine.MachineState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

@Singleton
class AdministerMachinesService implements AdministerMachinesUseCase {

    private final Machines machines;
    private final Accounts accounts;
    private final ImageRepository images;

    @Inject
    AdministerMachinesService(Machines machines, Accounts accounts, ImageRepository images) {
        this.machines = machines;
        this.accounts = accounts;
        this.images = images;
    }

    @Override
    @Transactional
    public Machine addMachine(AddMachineCommand command) {
        Account owner = accounts.findByLogin(command.ownerLogin())
                .orElseThrow(() -> DomainException.notFound("account " + command.ownerLogin() + " does not exist"));
        Path disk = Path.of(command.disk()).toAbsolutePath();
        if (!Files.exists(disk)) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "disk " + disk + " does not exist");
        }
        UUID image = null;
        if (command.image() != null) {
            image = Uuids.parse(command.image());
            if (image == null || images.findById(image).isEmpty()) {
                throw new DomainException(ErrorCode.INVALID_ARGUMENT, "image " + command.image() + " does not exist");
            }
        }
        MachineState state;
        try {
            state = command.state() == null ? MachineState.RUNNING : MachineState.fromWire(command.state());
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
        }
        Machine machine = new Machine(UUID.randomUUID(), command.name(), owner.id(), state,
                command.brand() == null ? "joyent" : command.brand(), image, disk.toString());
        machines.add(machine);
        return machine;
    }

    @Override
    @Transactional
    public List<Machine> listMachines() {
        return machines.listAll();
    }
}
