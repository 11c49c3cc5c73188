package fr.backoffice.common.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method whose answer holds its connection open (Server-Sent Events). A request it serves, however its
 * path is spelled and whatever its method (HEAD too), draws on the {@code stream} rate limit budget instead of
 * {@code reads}, and holds one of its caller's and one of the instance's open-stream slots until the connection ends
 * ({@link StreamAdmission}; docs/security.md "Rate limiting").
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Streaming {
}
