package fr.backoffice.common.security;

/** The roles (docs/security.md "Security rules"), as carried in the token's {@code groups} claim. */
public final class Roles {

    public static final String FRONT_OFFICE = "front-office";
    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";
    /**
     * The bank's clearing desk: payment files and the clearing system's answers, for every unit (docs/security.md
     * "Security rules").
     */
    public static final String CLEARING = "clearing";
    /**
     * The bank's reconciliation desk: loads the settlement bank's statements and works the queue of what did not match,
     * for every unit (docs/security.md "Security rules").
     */
    public static final String RECONCILIATION = "reconciliation";

    private Roles() {
    }
}
