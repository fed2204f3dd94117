package dev.imageservice.adapter.grpc.error;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A request the protobuf parser refuses (nested past its 100 levels, or not protobuf at all) is the
 * client's InvalidArgument. grpc-java parses requests before any service code or interceptor sees
 * them and ends such a call UNKNOWN ("Application error processing RPC"). So the transport hands
 * the service bytes ({@link ServerInterceptors#useMarshalledMessages}, copied while still on the
 * transport's thread), they are parsed inside this guard's listener, and a refusal is answered
 * through {@link GrpcErrors}.
 */
public final class UnreadableRequests implements ServerInterceptor {

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private UnreadableRequests() {
    }

    /** The service with its requests parsed under the guard. */
    public static ServerServiceDefinition guard(ServerServiceDefinition service) {
        return ServerInterceptors.intercept(ServerInterceptors.useMarshalledMessages(service, BYTES), new UnreadableRequests());
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean refused;

            @Override
            public void onMessage(Q message) {
                try {
                    super.onMessage(message);
                } catch (StatusRuntimeException e) {
                    if (!(e.getCause() instanceof InvalidProtocolBufferException unreadable)) {
                        throw e;
                    }
                    refused = true;
                    GrpcErrors.close(call, new DomainException(
                            ErrorCode.INVALID_ARGUMENT, "the request is not a readable message: " + unreadable.getMessage()));
                }
            }

            @Override
            public void onHalfClose() {
                // A refused call is closed already; the service never saw a request to answer.
                if (!refused) {
                    super.onHalfClose();
                }
            }
        };
    }
}
