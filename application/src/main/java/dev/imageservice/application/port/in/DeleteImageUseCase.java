package dev.imageservice.application.port.in;

/** DeleteImage: the owner removes an image no other image builds on. */
public interface DeleteImageUseCase {

    void deleteImage(DeleteImageCommand command);
}
