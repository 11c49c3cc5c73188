package fr.backoffice.audit;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a service method that changes state: when it succeeds while serving an HTTP request, the request's audit
 * record is inserted in the method's transaction, so the change and its record commit together or not at all.
 * Use it with {@code @WithTransaction} on a method returning {@code Uni}; the interceptor
 * ({@code audit.service.AuditedInterceptor}) runs inside the transaction's. The outcome is the status of the
 * {@code Reply} the method answers (and its {@code Location} names a created resource), or 200 for any other result.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Audited {
}
