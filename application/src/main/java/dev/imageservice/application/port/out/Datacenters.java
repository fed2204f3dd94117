package dev.imageservice.application.port.out;

import dev.imageservice.domain.image.ImgapiManifest;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;

/**
 * This datacenter's name and its peers, and reading images from a peer. A peer is asked as
 * this instance's operator, acting for the caller's login, so it applies the caller's visibility.
 */
public interface Datacenters {

    String localName();

    /** Every datacenter by name, this one included, with its URL. */
    Map<String, String> all();

    /**
     * The image as the peer shows it to {@code login}, read as a manifest (id, owner, state and
     * published_at as the peer holds them). ResourceNotFound when the peer does not show it;
     * ValidationFailed when what it shows is not a valid manifest.
     */
    ImgapiManifest fetchImage(String datacenter, String login, UUID imageId);

    /** The image's file bytes from the peer; the caller closes the stream. */
    InputStream openFile(String datacenter, String login, UUID imageId);
}
