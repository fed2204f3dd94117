package dev.imageservice.adapter.grpc.worker;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;

/**
 * A call answered on the event loop when all it needs is in memory, sparing it the hop to a worker
 * and back. {@link OneHopToWorker} asks once the client's one message is in, before it hands the
 * call to a worker.
 */
public interface AnswerFromMemory {

    /**
     * Runs on the event loop, in the call's gRPC context, and must neither block nor throw. Either
     * answers the call (closes it, with its answer or its refusal) and returns null, or returns the
     * gRPC context the call then runs in on a worker, as if this had not been asked: the current one,
     * or one holding what was found out here (the authenticated caller), so that it is not worked out again.
     */
    <Q, R> Context answer(ServerCall<Q, R> call, Metadata headers, Q request);
}
