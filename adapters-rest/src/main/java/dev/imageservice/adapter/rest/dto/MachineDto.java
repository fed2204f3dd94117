package dev.imageservice.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.imageservice.domain.machine.Machine;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The machine fields image creation and the clients' name lookup need. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Machine", description = "A machine (instance), with the fields image creation needs", example = """
        {
          "id": "a44f2b9b-e7af-f548-b0ba-4d9270423f1a",
          "name": "my-instance",
          "state": "stopped",
          "brand": "joyent",
          "image": "2b683a82-a066-11e3-97ab-2faa44701c5a"
        }""")
public record MachineDto(
        @Schema(required = true, format = "uuid", description = "The machine's UUID")
        String id,
        @Schema(required = true, description = "The machine's name")
        String name,
        @Schema(required = true, description = "The machine's state", enumeration = {"running", "stopped"})
        String state,
        @Schema(description = "The machine's brand, such as joyent, lx, bhyve or kvm")
        String brand,
        @Schema(format = "uuid", description = "The image the machine was provisioned from")
        String image) {

    public static MachineDto from(Machine machine) {
        return new MachineDto(machine.id().toString(), machine.name(), machine.state().wireName(), machine.brand(),
                machine.image() == null ? null : machine.image().toString());
    }
}
