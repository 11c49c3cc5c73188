package fr.backoffice.audit.service;

import fr.backoffice.audit.Audited;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Inserts the audit record of an {@link Audited} method's request in the method's transaction, once the method
 * succeeded. Its priority puts it inside {@code @WithTransaction}'s interceptor ({@code PLATFORM_BEFORE + 200}, the
 * outer one, which opens the transaction and commits when the {@code Uni} we return completes): the insert is the
 * last statement of the transaction, and a failure anywhere (the method, our insert, the commit) rolls both back.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class AuditedInterceptor {

    private final RequestAudit audit;

    public AuditedInterceptor(RequestAudit audit) {
        this.audit = audit;
    }

    @AroundInvoke
    Object record(InvocationContext invocation) throws Exception {
        RequestAudit.Call call = audit.enter();
        if (call == null) {
            return invocation.proceed();
        }
        Object result;
        try {
            result = invocation.proceed();
        } catch (Exception | Error failure) {
            call.exit();
            throw failure;
        }
        if (!(result instanceof Uni<?> uni)) {
            call.exit();
            throw new IllegalStateException("@Audited is for methods returning Uni: " + invocation.getMethod());
        }
        return uni.call(call::record).onTermination().invoke(call::exit);
    }
}
