package dev.imageservice.application.port.in;

import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.machine.Machine;

/** GetMachine: one of the caller's machines; anyone else's, or none, is not found. */
public interface GetMachineUseCase {

    Machine getMachine(Account caller, String machineId);
}
