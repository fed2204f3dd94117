package dev.imageservice.application.port.in;

import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.machine.Machine;
import java.util.List;
import java.util.Objects;

/** ListMachines (the part image creation needs): the caller's machines, optionally by name, paged. */
public interface ListMachinesUseCase {

    MachinePage listMachines(ListMachinesQuery query);

    record ListMachinesQuery(Account caller, String name, int limit, int offset) {
        public ListMachinesQuery {
            Objects.requireNonNull(caller, "caller");
        }
    }

    /** One page of machines and how many match in all. */
    record MachinePage(List<Machine> machines, long total) {
    }
}
