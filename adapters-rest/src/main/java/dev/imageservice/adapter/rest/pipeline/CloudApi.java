package dev.imageservice.adapter.rest.pipeline;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the CloudAPI resources and the request filters that only they get (version negotiation,
 * authentication). Anything else served by Quarkus REST, and everything under /q, is left alone.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CloudApi {
}
