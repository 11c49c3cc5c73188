package fr.backoffice.common.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code backoffice.*} setting, typed, in one place (docs/configuration.md "Configuration" lists them with their
 * environment variables). Read at start-up: a missing or malformed value stops the service before it serves anything.
 */
@ConfigMapping(prefix = "backoffice")
public interface BackOfficeConfig {

    /** Where the bank's business date is "today" (execution and value dates). */
    @WithDefault("Europe/Paris")
    ZoneId businessZone();

    /** Transfers and cash operations up to this amount, for today, execute when submitted. */
    @WithDefault("1000.00")
    BigDecimal stpThreshold();

    /** From this amount an operation needs a supervisor's approval after validation. */
    @WithDefault("10000.00")
    BigDecimal approvalThreshold();

    /**
     * The role the migrations grant the running service's rights to. Its default is in application.properties, where
     * Flyway's placeholder reads it: a mapping's default is not a configuration value an expression can name.
     */
    String runtimeRole();

    Iban iban();

    Idempotency idempotency();

    Scheduler scheduler();

    Vat vat();

    /** The {@code @Identifier} of the gateway submitted filings go to. */
    @WithDefault("outbox")
    String administrationGateway();

    Filing filing();

    Audit audit();

    Http http();

    Cors cors();

    RateLimit rateLimit();

    EventStream eventStream();

    Metrics metrics();

    Clearing clearing();

    Webhooks webhooks();

    Accounts accounts();

    MoneyLimits limits();

    Velocity velocity();

    Submissions submissions();

    Authorizations authorizations();

    interface Iban {
        /** The 5-digit bank code of the IBANs the service issues. */
        @WithDefault("12548")
        String bankCode();
    }

    interface Idempotency {
        /** How long a key is remembered before it is purged (the contract promises at least 24 h). */
        @WithDefault("48h")
        Duration retention();
    }

    interface Scheduler {
        /**
         * How often due scheduled operations are executed. Its default is in application.properties, where the
         * scheduler's trigger expression reads it.
         */
        Duration every();
    }

    interface Vat {
        /** The rates a VAT return may declare, in percent. */
        @WithDefault("20,10,5.5,2.1")
        List<String> allowedRates();
    }

    interface Filing {
        /** Whose calendar says when a period is over or a declaration overdue. */
        @WithDefault("Europe/Paris")
        ZoneId timeZone();
    }

    interface Audit {
        /** How often queued records (refusals) are written in one batch. */
        @WithDefault("200ms")
        Duration flushEvery();

        /** How many queued records may wait; more are dropped and counted. */
        @WithDefault("10000")
        int queueCapacity();

        @WithDefault("1s")
        Duration sealEvery();

        /** How many records one sealing transaction takes at most. */
        @WithDefault("1000")
        int sealBatch();

        /** Base64, at least 32 bytes: signs the checkpoints. No default outside dev and test. */
        String checkpointKey();

        @WithDefault("1m")
        Duration checkpointEvery();
    }

    interface Http {
        /** Request bodies beyond this get a 413 problem (clearing messages have their own limit). */
        @WithDefault("64K")
        MemorySize maxBodySize();

        /** Request headers beyond this get a 431 problem (below the HTTP codec's own limit, quarkus.http.limits). */
        @WithDefault("20K")
        MemorySize maxHeaderSize();

        /** Request lines beyond this many bytes get a 414 problem (below the HTTP codec's own limit). */
        @WithDefault("8192")
        int maxRequestLine();

        /**
         * Verified tokens kept until their expiry, so that a caller's next request is not verified again
         * (docs/security.md "Tokens"); 0 verifies every request.
         */
        @WithDefault("1000")
        int tokenCacheSize();
    }

    /** The exchanges with the clearing system (docs/clearing-and-statements.md "Clearing and statements"). */
    interface Clearing {
        /** The bank's BIC: the debtor agent of the transfers it sends. */
        @WithDefault("BOFRFRPPXXX")
        String bic();

        /** Incoming pacs.008 and pacs.004 messages beyond this get a 413 problem. */
        @WithDefault("5M")
        MemorySize maxMessageSize();

        /**
         * The BIC directory file (docs/clearing-and-statements.md "The BIC directory"): the creditor's bank of an
         * external transfer that gives no {@code creditor.bic}, found from its IBAN. Absent: only transfers that give
         * {@code creditor.bic} are accepted.
         */
        Optional<String> bicDirectory();
    }

    Reconciliation reconciliation();

    /** Reconciliation of the settlement bank's statements (docs/reconciliation.md "Matching rules"). */
    interface Reconciliation {
        /**
         * The last matching rule (amount, value date and counterparty) takes entries whose value date is at most this
         * many days from the line's.
         */
        @WithDefault("2")
        int valueDateToleranceDays();

        /**
         * How often open expected payments are matched to the credits of their accounts, and those whose window passed
         * marked overdue (docs/reconciliation.md "Expected payments"). Its default is in application.properties, where
         * the scheduler's trigger expression reads it.
         */
        Duration expectedPaymentsEvery();
    }

    /** Webhooks (docs/webhooks.md "Webhooks"). */
    interface Webhooks {
        /**
         * Whether deliveries may go to loopback, private, link-local and metadata addresses, and to plain {@code http}
         * urls: off in production (https to public addresses only), on in dev and test.
         */
        @WithDefault("false")
        boolean allowPrivateNetworks();

        /** The waits before the second, third... attempt; after the last one fails, the delivery is FAILED. */
        @WithDefault("5s,5m,30m,2h,5h,10h,10h")
        List<Duration> retrySchedule();

        /** How long one attempt may take, name resolution to the end of the answer; then its connection is closed. */
        @WithDefault("10s")
        Duration timeout();

        /** How often each instance looks for new events and due deliveries. */
        @WithDefault("1s")
        Duration pollEvery();

        /** An endpoint whose every attempt has failed for this long is disabled. */
        @WithDefault("3d")
        Duration disableAfter();

        /** How much of a receiver's answer is read and stored with the delivery. */
        @WithDefault("1K")
        MemorySize maxResponseBody();

        /** How long the previous secret keeps signing, beside the new one, after a rotation. */
        @WithDefault("24h")
        Duration previousSecretValidity();

        /** How long a delivery that ended (SUCCEEDED or FAILED) is kept, and listed, before it is deleted. */
        @WithDefault("30d")
        Duration retention();

        /** How many deliveries one instance sends at once at most. */
        @WithDefault("50")
        int maxInFlight();
    }

    interface Metrics {
        /**
         * How often the gauges that need the database (queues, holds, feed lag, audit backlog, filings) are read. Its
         * default is in application.properties, where the refresh's trigger expression reads it.
         */
        Duration refreshEvery();
    }

    /** The budgets the rate limiter enforces (docs/security.md "Rate limiting"). */
    interface RateLimit {

        /** Off, nothing is counted and no rate limit header is sent. */
        @WithDefault("true")
        boolean enabled();

        /** POST, PUT, PATCH and DELETE, per caller. */
        Budget writes();

        /** GET and HEAD (every method but the writes), per caller. */
        Budget reads();

        /** Connections to the event stream, per caller. */
        Budget stream();

        /** Requests without a valid token, per client address. */
        Budget unauthenticated();

        /**
         * How many callers and addresses have a bucket at most; past it the cache forgets some (it keeps those seen often
         * and lately), and they come back with a full bucket.
         */
        @WithDefault("100000")
        int maxTracked();

        /**
         * A token bucket: {@code capacity} requests at once, refilled continuously over {@code period}. The four
         * budgets share this type, so their defaults are in application.properties.
         */
        interface Budget {

            long capacity();

            /** Whole seconds, as the {@code RateLimit-Policy} header tells it. */
            Duration period();
        }
    }

    /**
     * How many event streams may be open at once (docs/security.md "Rate limiting"); a closed stream frees its slot.
     */
    interface EventStream {

        /** Streams one caller ({@code sub}) may hold open on one instance; one more is answered 429. */
        @WithDefault("5")
        int maxPerCaller();

        /** Streams one instance holds open for all callers together; one more is answered 503. */
        @WithDefault("200")
        int maxPerInstance();
    }

    interface Cors {
        /**
         * The front-office origins browsers may call the API from, comma-separated; none when absent. Quarkus's CORS
         * filter reads it ({@code quarkus.http.cors.origins}); declared here so that it is a known setting.
         */
        Optional<String> origins();
    }

    /** Accounts (docs/security.md "Security rules"). */
    interface Accounts {
        /**
         * The overdraft limit a current account opens with when the request names none, and the most an opening may
         * name (at the currency's scale, cut down): a larger credit line is a supervisor's, on the open account.
         */
        @WithDefault("0.00")
        BigDecimal defaultOverdraftLimit();
    }

    /**
     * Limits on the money one request moves without a second person (docs/operations-and-ledger.md
     * "Operations and the ledger").
     */
    interface MoneyLimits {
        /**
         * The most the transfers to other banks debited from one account in one business day may total before the
         * next one waits for four eyes (an agent validates, a supervisor approves). In the account's currency: such
         * transfers go through SEPA, so in euros.
         */
        @WithDefault("10000.00")
        BigDecimal externalTransfersPerDay();
    }

    /**
     * The velocity rules: what they would let through goes to four eyes instead (docs/operations-and-ledger.md
     * "Velocity rules"). Each rule is on while its {@code enabled} is true.
     */
    interface Velocity {
        NewCreditor newCreditor();

        ExternalBurst externalBurst();

        UnusualAmount unusualAmount();

        /** VELOCITY_NEW_CREDITOR: a creditor IBAN the customer first paid less than 24 hours ago, or never. */
        interface NewCreditor {
            @WithDefault("true")
            boolean enabled();

            /** The most the customer may send it in total in those first 24 hours without four eyes, in euros. */
            @WithDefault("3000.00")
            BigDecimal firstDayAmount();
        }

        /** VELOCITY_EXTERNAL_BURST: many transfers to other banks from one account in a short time. */
        interface ExternalBurst {
            @WithDefault("true")
            boolean enabled();

            /** The most transfers to other banks one account may send in {@link #window()} without four eyes. */
            @WithDefault("20")
            int count();

            /** How far back the count goes, in whole minutes (at least one). */
            @WithDefault("10m")
            Duration window();
        }

        /** VELOCITY_UNUSUAL_AMOUNT: a transfer to another bank or a cash withdrawal far above the account's usual. */
        interface UnusualAmount {
            @WithDefault("true")
            boolean enabled();

            /** How many times the median of the account's such debits an amount may be without four eyes. */
            @WithDefault("10")
            BigDecimal factor();

            /** The days of debits the median is taken over (their latest 200). */
            @WithDefault("90")
            int days();

            /** How many such debits the account must have in those days before the rule judges it. */
            @WithDefault("10")
            int minDebits();
        }
    }

    /** How submissions are booked together (docs/performance.md "Group commit and batches"). */
    interface Submissions {
        /** The most concurrent submissions one database call books together. */
        @WithDefault("128")
        int groupSize();

        /** How many such calls may be in flight at once; the next one leaves as soon as one returns. */
        @WithDefault("2")
        int groupsInFlight();

        /** How many submissions may wait for a call; beyond, a submission is answered 503 with Retry-After. */
        @WithDefault("4096")
        int queueCapacity();

        /** The most operations one POST /operation-batches may carry. */
        @WithDefault("5000")
        int batchMaxOperations();

        /** Batches up to this many operations are answered when booked; larger ones 202, to poll. */
        @WithDefault("100")
        int batchAnswerAtOnce();

        /** The body of POST /operation-batches may be this large (other JSON bodies: backoffice.http.max-body-size). */
        @WithDefault("2M")
        MemorySize batchMaxBodySize();
    }

    /** Authorizations (docs/operations-and-ledger.md "Authorizations"). */
    interface Authorizations {
        /** How long an authorization created without {@code expiresAt} lasts before the service voids it (EXPIRED). */
        @WithDefault("7d")
        Duration defaultExpiry();

        /** The furthest ahead an {@code expiresAt} may be. */
        @WithDefault("30d")
        Duration maxExpiry();

        /**
         * How much more than its amount the captures of an authorization may book together, in percent of the amount
         * (0: never more than authorized). Fixed for each authorization when it is created.
         */
        @WithDefault("0")
        BigDecimal overCapturePercent();
    }
}
