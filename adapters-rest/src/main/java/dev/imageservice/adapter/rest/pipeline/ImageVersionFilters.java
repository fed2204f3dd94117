package dev.imageservice.adapter.rest.pipeline;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Carries If-Match in and the answered image's revision out as ETag: see {@link ImageVersions}. */
public class ImageVersionFilters {

    private final ImageVersions versions;

    @Inject
    public ImageVersionFilters(ImageVersions versions) {
        this.versions = versions;
    }

    @CloudApi
    @ServerRequestFilter
    public void readIfMatch(ContainerRequestContext request) {
        versions.ifMatch(request.getHeaderString(HttpHeaders.IF_MATCH));
    }

    /** Successful answers only: an error is not the image. */
    @CloudApi
    @ServerResponseFilter
    public void addEtag(ContainerResponseContext response) {
        Long revision = versions.answered();
        if (revision != null && response.getStatus() / 100 == 2) {
            response.getHeaders().putSingle(HttpHeaders.ETAG, ImageVersions.etagOf(revision));
        }
    }
}
