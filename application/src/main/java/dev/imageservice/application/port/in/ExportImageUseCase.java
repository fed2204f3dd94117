package dev.imageservice.application.port.in;

/** ExportImage: the owner writes an image's manifest and file to a Manta path of their own. */
public interface ExportImageUseCase {

    MantaLocation exportImage(ExportImageCommand command);
}
