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
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request the protobuf parser refuses (nested past its 100 levels, or not protobuf at all), whose
 * gzip compression does not inflate, or a call of one request that sends two or none, is the
 * client's InvalidArgument; a request that inflates past the size limit is RESOURCE_EXHAUSTED, as
 * the transport answers one sent that large. grpc-java reads and parses requests before any service
 * code or interceptor sees them and ends such a call UNKNOWN ("Application error processing RPC").
 * So the transport hands the service bytes ({@link ServerInterceptors#useMarshalledMessages}, read
 * whole before the guard sees them, a failure to read them kept), they are parsed inside this guard's
 * listener, and a refusal is answered through {@link GrpcErrors}. {@link DeferredGzip} makes any gzip
 * failure one of reading, so that it reaches the guard.
 */
public final class UnreadableRequests implements ServerInterceptor {

    /** A message's bytes, or the refusal of a request whose bytes could not be read. */
    private record Message(byte[] bytes, StatusRuntimeException refusal) {
    }

    private static final MethodDescriptor.Marshaller<Message> MESSAGES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(Message value) {
            if (value.refusal() != null) {
                // A request that could not be read has no bytes to give: whoever asks gets its refusal.
                throw value.refusal();
            }
            return new ByteArrayInputStream(value.bytes());
        }

        /** The transport holds the whole message already: only its decompression can fail here. */
        @Override
        public Message parse(InputStream stream) {
            try (stream) {
                return new Message(stream.readAllBytes(), null);
            } catch (IOException uninflatable) {
                return new Message(null, invalid("the request's gzip compression is corrupt: " + uninflatable.getMessage()));
            } catch (StatusRuntimeException tooLarge) {
                // grpc-java's limit on the inflated size, thrown from the stream as it is read.
                if (tooLarge.getStatus().getCode() != Status.Code.RESOURCE_EXHAUSTED) {
                    throw tooLarge;
                }
                return new Message(null, tooLarge);
            }
        }
    };

    private UnreadableRequests() {
    }

    /** The service with its requests parsed under the guard. */
    public static ServerServiceDefinition guard(ServerServiceDefinition service) {
        return ServerInterceptors.intercept(ServerInterceptors.useMarshalledMessages(service, MESSAGES), new UnreadableRequests());
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        boolean oneRequest = call.getMethodDescriptor().getType().clientSendsOneMessage();
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean refused;
            private boolean received;

            @Override
            public void onMessage(Q message) {
                if (refused) {
                    return;
                }
                // grpc-java's stubs would end a call of one request with two, or none, INTERNAL.
                if (received && oneRequest) {
                    refuse(invalid("the call sent more than its one request message"));
                    return;
                }
                received = true;
                if (message instanceof Message read && read.refusal() != null) {
                    refuse(read.refusal());
                    return;
                }
                try {
                    super.onMessage(message);
                } catch (StatusRuntimeException e) {
                    if (!(e.getCause() instanceof InvalidProtocolBufferException unreadable)) {
                        throw e;
                    }
                    refuse(invalid("the request is not a readable message: " + unreadable.getMessage()));
                }
            }

            private void refuse(StatusRuntimeException answer) {
                refused = true;
                GrpcErrors.close(call, answer);
            }

            @Override
            public void onHalfClose() {
                if (!refused && !received && oneRequest) {
                    refuse(invalid("the call ended without its request message"));
                }
                // A refused call is closed already; the service never saw a request to answer.
                if (!refused) {
                    super.onHalfClose();
                }
            }
        };
    }

    private static StatusRuntimeException invalid(String message) {
        return GrpcErrors.toStatusException(new DomainException(ErrorCode.INVALID_ARGUMENT, message));
    }
}
