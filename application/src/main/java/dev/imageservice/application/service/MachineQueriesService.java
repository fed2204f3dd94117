package dev.imageservice.application.service;

import dev.imageservice.application.port.in.GetMachineUseCase;
import dev.imageservice.application.port.in.ListMachinesUseCase;
import dev.imageservice.application.port.out.Machines;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Uuids;
import dev.imageservice.domain.machine.Machine;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

@Singleton
class MachineQueriesService implements ListMachinesUseCase, GetMachineUseCase {

    /** CloudAPI's page size cap for ListMachines. */
    static final int MAX_LIMIT = 1000;

    private final Machines machines;

    @Inject
    MachineQueriesService(Machines machines) {
        this.machines = machines;
    }

    @Override
    @Transactional
    public MachinePage listMachines(ListMachinesQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_LIMIT || query.offset() < 0) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT,
                    "limit must be 1-" + MAX_LIMIT + " and offset at least 0");
        }
        UUID owner = query.caller().id();
        return new MachinePage(machines.list(owner, query.name(), query.limit(), query.offset()),
                machines.count(owner, query.name()));
    }

    @Override
    @Transactional
    public Machine getMachine(Account caller, String machineId) {
        return Optional.ofNullable(Uuids.parse(machineId)).flatMap(machines::findById)
                .filter(machine -> machine.isOwnedBy(caller.id()))
                .orElseThrow(() -> DomainException.notFound("machine " + machineId + " not found"));
    }
}
