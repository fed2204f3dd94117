package dev.imageservice.application.port.in;

/** CreateImageFromMachine: a placeholder image now, a job that snapshots the machine's disk later. */
public interface CreateImageFromMachineUseCase {

    CreatedImage createImageFromMachine(CreateImageFromMachineCommand command);
}
