package fr.backoffice.operation;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Money reserved on a debit account for a named creditor side, captured later in one or several parts (each an
 * executed operation), voided, or expired (docs/operations-and-ledger.md "Authorizations"). The state machine and the
 * amounts, in plain Java: AUTHORIZED is the only open state; a capture that reaches the amount makes it CAPTURED, a
 * void VOIDED, the expiry EXPIRED, and nothing leaves a closed state. Every change happens under the authorization's
 * row lock, so these checks see the state that commits.
 */
public class Authorization {

    /** The most captures one authorization takes (the contract bounds its {@code captures}). */
    public static final int MAX_CAPTURES = 100;

    public UUID id;
    public String clientId;
    public String unit;
    public UUID debitAccountId;
    public UUID creditAccountId;
    public String creditorName;
    public String creditorIban;
    public String creditorBic;
    public String currency;
    public BigDecimal amount;
    public BigDecimal captureLimit;
    public BigDecimal capturedAmount = BigDecimal.ZERO;
    public AuthorizationStatus status = AuthorizationStatus.AUTHORIZED;
    public String label;
    public Instant expiresAt;
    public Instant createdAt;
    public Instant closedAt;
    public long version;
    public final List<Capture> captures = new ArrayList<>();

    /** One capture: the executed operation that booked it. */
    public record Capture(UUID operationId, BigDecimal amount, Instant capturedAt) {
    }

    /** The most the captures may book together: the amount plus {@code overCapturePercent} of it, at its scale. */
    public static BigDecimal captureLimit(BigDecimal amount, BigDecimal overCapturePercent) {
        BigDecimal extra = amount.multiply(overCapturePercent).movePointLeft(2).setScale(amount.scale(), RoundingMode.DOWN);
        return amount.add(extra);
    }

    /**
     * When an authorization created at {@code now} expires: {@code requested} when given (in the future, at most
     * {@code max} ahead), else {@code now + defaultExpiry} (cut to {@code max}).
     */
    public static Instant expiry(Instant now, Instant requested, Duration defaultExpiry, Duration max) {
        Instant latest = now.plus(max);
        if (requested == null) {
            Instant byDefault = now.plus(defaultExpiry);
            return byDefault.isAfter(latest) ? latest : byDefault;
        }
        if (!requested.isAfter(now)) {
            throw ApiException.invalidField("expiresAt", "must be in the future");
        }
        if (requested.isAfter(latest)) {
            throw ApiException.invalidField("expiresAt", "must be at most " + max.toDays() + " days ahead (" + latest + ")");
        }
        return requested;
    }

    /** What is still reserved: the amount less what was captured, never below zero; zero once closed. */
    public BigDecimal remaining() {
        if (status != AuthorizationStatus.AUTHORIZED) {
            return BigDecimal.ZERO.setScale(amount.scale());
        }
        return amount.subtract(capturedAmount).max(BigDecimal.ZERO);
    }

    /** Whether its expiry has passed at {@code now}: from then on only the expiry closes it. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * Captures {@code captured} at {@code now}: refused when it is not open or its expiry passed (409 with its
     * state), or when the captures would book more than the capture limit (422, nothing booked). Returns the
     * remaining amount that stays reserved (zero when it became CAPTURED).
     */
    public BigDecimal capture(UUID operationId, BigDecimal captured, Instant now) {
        requireOpen("capture", now);
        if (captured.signum() <= 0) {
            throw ApiException.invalidField("amount", "must be greater than zero");
        }
        BigDecimal total = capturedAmount.add(captured);
        if (total.compareTo(captureLimit) > 0) {
            throw new ApiException(ProblemCode.CAPTURE_EXCEEDS_AUTHORIZATION, "The captures would book "
                    + total.toPlainString() + " " + currency + ", more than the " + captureLimit.toPlainString()
                    + " this authorization allows (" + capturedAmount.toPlainString() + " already captured).");
        }
        if (captures.size() >= MAX_CAPTURES) {
            throw new ApiException(ProblemCode.TOO_MANY_CAPTURES,
                    "An authorization takes at most " + MAX_CAPTURES + " captures; void it and authorize again.");
        }
        capturedAmount = total;
        captures.add(new Capture(operationId, captured, now));
        version++;
        if (capturedAmount.compareTo(amount) >= 0) {
            close(AuthorizationStatus.CAPTURED, now);
        }
        return remaining();
    }

    /** Voids it at {@code now}, releasing what was not captured: refused (409) once closed or past its expiry. */
    public void voidAt(Instant now) {
        requireOpen("void", now);
        close(AuthorizationStatus.VOIDED, now);
        version++;
    }

    /** Expires it: only an open authorization whose expiry has passed expires. */
    public void expire(Instant now) {
        if (status != AuthorizationStatus.AUTHORIZED || !expiredAt(now)) {
            throw ApiException.invalidTransition(status.name(), "expire");
        }
        close(AuthorizationStatus.EXPIRED, now);
        version++;
    }

    private void requireOpen(String action, Instant now) {
        if (status != AuthorizationStatus.AUTHORIZED) {
            throw new ApiException(ProblemCode.INVALID_TRANSITION, "Cannot " + action + " from status " + status.name()
                    + ": the authorization is " + status.name() + ".");
        }
        if (expiredAt(now)) {
            throw new ApiException(ProblemCode.AUTHORIZATION_EXPIRED, "Cannot " + action + ": the authorization expired at "
                    + expiresAt + "; the service releases it (status EXPIRED).");
        }
    }

    private void close(AuthorizationStatus closed, Instant now) {
        status = closed;
        closedAt = now;
    }
}
