package dev.imageservice.adapter.grpc;

import dev.imageservice.adapter.grpc.auth.SignatureAuthInterceptor;
import dev.imageservice.adapter.grpc.error.GrpcErrors;
import dev.imageservice.adapter.grpc.v1.GetImageRequest;
import dev.imageservice.adapter.grpc.v1.Image;
import dev.imageservice.adapter.grpc.v1.ImageServiceGrpc;
import dev.imageservice.adapter.grpc.worker.AnswerFromMemory;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * GetImage answered on the event loop when the signer's keys and the image are at hand, as REST's
 * GetImage is: the signature check of {@link SignatureAuthInterceptor} and the answer of
 * {@link ImageGrpcService#getImage}, each from memory. Whatever is not at hand goes to the worker as
 * before, with what was found here: a caller authenticated here is not checked again. A refusal
 * (a bad signature, an image the caller may not see) is answered here through {@link GrpcErrors}.
 * Every other method goes to the worker as it came.
 */
@Singleton
public class GetImageFromMemory implements AnswerFromMemory {

    private static final MethodDescriptor<GetImageRequest, Image> GET_IMAGE = ImageServiceGrpc.getGetImageMethod();

    private final SignatureAuthInterceptor authentication;
    private final ImageGrpcService service;

    @Inject
    public GetImageFromMemory(SignatureAuthInterceptor authentication, @GrpcService ImageGrpcService service) {
        this.authentication = authentication;
        this.service = service;
    }

    @Override
    public <Q, R> Context answer(ServerCall<Q, R> call, Metadata headers, Q message) {
        MethodDescriptor<Q, R> method = call.getMethodDescriptor();
        if (!method.getFullMethodName().equals(GET_IMAGE.getFullMethodName())) {
            return Context.current();
        }
        GetImageRequest request;
        try {
            // The call carries the request's bytes (UnreadableRequests): read as the service's own handler reads them.
            request = GET_IMAGE.parseRequest(method.streamRequest(message));
        } catch (StatusRuntimeException unreadable) {
            // Bytes that could not be read, or do not parse: refused on the worker, as every unreadable request is.
            return Context.current();
        }
        Context signed;
        Optional<Image> image;
        try {
            Optional<Context> caller = authentication.authenticateFromMemory(method, headers);
            if (caller.isEmpty()) {
                return Context.current();
            }
            signed = caller.get();
            Context previous = signed.attach();
            try {
                image = service.getImageFromMemory(request);
            } finally {
                signed.detach(previous);
            }
        } catch (RuntimeException refused) {
            GrpcErrors.close(call, refused);
            return null;
        }
        if (image.isEmpty()) {
            return signed;
        }
        // What grpc-java's unary handler sends for a service's onNext and onCompleted.
        call.sendHeaders(new Metadata());
        call.sendMessage(method.parseResponse(GET_IMAGE.streamResponse(image.get())));
        call.close(Status.OK, new Metadata());
        return null;
    }
}
