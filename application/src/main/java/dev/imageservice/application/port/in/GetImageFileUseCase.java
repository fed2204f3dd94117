package dev.imageservice.application.port.in;

import dev.imageservice.application.port.out.ImageFileStore.OpenedContent;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.image.ImageFile;

/** GetImageFile (IMGAPI): the file of an image the caller can see, as a stream. */
public interface GetImageFileUseCase {

    ImageFileContent getImageFile(Account caller, String imageId);

    /** The file's description and its open bytes; the caller closes the stream. */
    record ImageFileContent(ImageFile file, OpenedContent content) {
    }
}
