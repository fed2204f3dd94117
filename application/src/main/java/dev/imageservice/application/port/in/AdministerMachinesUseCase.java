package dev.imageservice.application.port.in;

import dev.imageservice.domain.machine.Machine;
import java.util.List;

/**
 * Operator tools for the embedded compute side: registering the machines images are created from
 * (a real deployment would read them from its compute API instead).
 */
public interface AdministerMachinesUseCase {

    /** Registers a machine of an existing account; its disk must exist and, if given, its image too. */
    Machine addMachine(AddMachineCommand command);

    /** Every machine, by owner login and name. */
    List<Machine> listMachines();
}
