package dev.imageservice.adapter.persistence;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Transactional;

/**
 * A transaction that ran past its timeout was rolled back by the transaction manager, and the commit
 * that ends the {@code @Transactional} call then throws RollbackException ("ARJUNA016102: The
 * transaction is not active!") in place of what the call returned or threw, DatabaseUnavailable's
 * ServiceUnavailableError too: the client got a 500. Just outside Quarkus's own interceptors (priority
 * {@code PLATFORM_BEFORE + 200}) of the two kinds that begin a transaction, this answers
 * ServiceUnavailableError instead. DatabaseUnavailable has logged why when the call asked for a
 * connection after the timeout. A RollbackException with a cause (a flush that failed at the commit)
 * is a fault and stays one.
 */
public abstract class TimedOutTransaction {

    @AroundInvoke
    Object translate(InvocationContext call) throws Exception {
        try {
            return call.proceed();
        } catch (RollbackException e) {
            if (e.getCause() != null) {
                throw e;
            }
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE,
                    "the request took too long and was rolled back; try again");
        }
    }

    @Transactional
    @Interceptor
    @Priority(Interceptor.Priority.PLATFORM_BEFORE + 199)
    static class Required extends TimedOutTransaction {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @Interceptor
    @Priority(Interceptor.Priority.PLATFORM_BEFORE + 199)
    static class RequiresNew extends TimedOutTransaction {
    }
}
