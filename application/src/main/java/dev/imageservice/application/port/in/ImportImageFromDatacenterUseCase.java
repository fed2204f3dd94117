package dev.imageservice.application.port.in;

import dev.imageservice.domain.image.Image;

/** ImportImageFromDatacenter: copy the caller's image, with its missing origins, from a peer datacenter. */
public interface ImportImageFromDatacenterUseCase {

    Image importImageFromDatacenter(ImportImageFromDatacenterCommand command);
}
