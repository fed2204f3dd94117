package dev.imageservice.application.port.in;

/**
 * @param disk  a file or directory path
 * @param image the image the machine was provisioned from, or null
 * @param brand null means joyent
 * @param state running or stopped; null means running
 */
public record AddMachineCommand(String ownerLogin, String name, String disk, String image, String brand,
                                String state) {

    public AddMachineCommand {
        ownerLogin = AdminArguments.required("owner", ownerLogin);
        name = AdminArguments.required("name", name);
        disk = AdminArguments.required("disk", disk);
    }
}
