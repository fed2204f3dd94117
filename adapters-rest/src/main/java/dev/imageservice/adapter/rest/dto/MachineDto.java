package dev.imageservice.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.imageservice.domain.machine.Machine;

/** The machine fields image creation and the clients' name lookup need. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MachineDto(String id, String name, String state, String brand, String image) {

    public static MachineDto from(Machine machine) {
        return new MachineDto(machine.id().toString(), machine.name(), machine.state().wireName(), machine.brand(),
                machine.image() == null ? null : machine.image().toString());
    }
}
