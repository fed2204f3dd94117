package dev.imageservice.adapter.rest.resource;

import dev.imageservice.application.port.in.CloneImageUseCase;
import dev.imageservice.application.port.in.CreateImageFromMachineUseCase;
import dev.imageservice.application.port.in.ExportImageUseCase;
import dev.imageservice.application.port.in.ImportImageFromDatacenterUseCase;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * The use cases whose implementations may not be deployed: looked up per call, so the service starts
 * without them and answers 501 NotAvailable until they are there.
 */
@ApplicationScoped
public class LateBoundUseCases {

    private final Instance<ExportImageUseCase> export;
    private final Instance<CloneImageUseCase> cloneImage;
    private final Instance<CreateImageFromMachineUseCase> createFromMachine;
    private final Instance<ImportImageFromDatacenterUseCase> importFromDatacenter;

    @Inject
    public LateBoundUseCases(Instance<ExportImageUseCase> export, Instance<CloneImageUseCase> cloneImage,
                             Instance<CreateImageFromMachineUseCase> createFromMachine,
                             Instance<ImportImageFromDatacenterUseCase> importFromDatacenter) {
        this.export = export;
        this.cloneImage = cloneImage;
        this.createFromMachine = createFromMachine;
        this.importFromDatacenter = importFromDatacenter;
    }

    public ExportImageUseCase export() {
        return available(export, "ExportImage");
    }

    public CloneImageUseCase cloneImage() {
        return available(cloneImage, "CloneImage");
    }

    public CreateImageFromMachineUseCase createFromMachine() {
        return available(createFromMachine, "CreateImageFromMachine");
    }

    public ImportImageFromDatacenterUseCase importFromDatacenter() {
        return available(importFromDatacenter, "ImportImageFromDatacenter");
    }

    private static <T> T available(Instance<T> useCase, String name) {
        if (!useCase.isResolvable()) {
            throw new DomainException(ErrorCode.NOT_AVAILABLE, name + " is not available on this server");
        }
        return useCase.get();
    }
}
