/**
 * Who may do what: the service's own security rules (docs/security.md "Security rules").
 *
 * <ul>
 * <li><b>Identity.</b> Every endpoint needs a bearer JWT (RS256). The caller is {@code sub}, and only {@code sub}
 * ({@link fr.backoffice.common.security.Caller#id()}): submitters, validators, approvers, assignees, history and
 * audit actors, owners of webhook endpoints, filing actors, payment file closers, the scope of idempotency keys and
 * every four-eyes comparison. {@code preferred_username} and {@code upn} are display names, which an identity
 * provider may let people choose, and are never read: two tokens with the same display name and different subs are
 * two people, and the service keeps no display name (the names it shows are subs). A verified token without a usable
 * {@code sub} (absent, not a string, blank, over 255 characters, or with a control character) is 401
 * ({@link fr.backoffice.common.security.TokenChecks}, which also names the security identity by its {@code sub}).
 * The roles ({@code front-office}, {@code agent}, {@code supervisor}, {@code auditor}, {@code admin}) come from
 * {@code groups}; an agent's or supervisor's production unit from {@code unit}.</li>
 * <li><b>The unit claim.</b> A token carrying {@code agent} or {@code supervisor} must carry a {@code unit} claim that
 * is a unit code ({@code PAR-01}). Otherwise (missing, empty, a list, a number, anything else) every request is
 * refused at the door, before routing and role checks, with 403 {@code UNIT_CLAIM_REQUIRED}, whatever other roles the
 * token carries ({@link fr.backoffice.common.security.AccessFilter}). 403 rather than 401: the token is authentic and
 * the caller known, so authenticating again with the same identity provider would not help; what is wrong is what
 * the token grants, which the operator of the identity provider must fix (the code says what).</li>
 * <li><b>Endpoints.</b> Each endpoint's {@code @RolesAllowed} lists the roles that grant it; a token with none of them
 * gets 403 {@code FORBIDDEN}. {@code auditor} is listed on reads only: it grants no action. {@code front-office} is
 * listed on what front-office applications do (submitting and cancelling operations, opening accounts, preparing
 * filings).</li>
 * <li><b>Objects.</b> A role reaches the accounts and operations of its own unit ({@code agent}, {@code supervisor})
 * or of every unit ({@code front-office}, {@code auditor}, {@code admin}, {@code clearing}). An endpoint is allowed on an object when
 * one of the caller's roles that grant the endpoint reaches the object's unit; roles the endpoint does not list widen
 * nothing. So an agent who is also an auditor reads every unit's objects but validates only in the agent's unit; an
 * agent who is also a front-office application submits for any unit (front-office grants that) but claims,
 * validates or freezes only in the agent's unit.</li>
 * <li><b>Clearing.</b> {@code clearing} is the bank's clearing desk: payment files ({@code /payment-files}) hold every
 * unit's transfers, so they are closed and acknowledged by the clearing desk or an admin and read by them and
 * auditors, never by a unit's agents or supervisors; whoever closed a file does not record its outcome (403
 * {@code FOUR_EYES_VIOLATION}, {@code clearing/package-info.java}).</li>
 * <li><b>Answers.</b> A read of an object the caller does not reach is 404, like one that does not exist; lists leave
 * such objects out; an action on an object named by id in the path is 403 {@code FORBIDDEN}, and for a caller whose
 * granting roles are confined to a unit an id that names nothing is the same 403 with the same body, so that an
 * action never tells whether another unit's object exists. An account named in the body of {@code POST /operations}
 * (either side) that the caller does not reach is 422 {@code UNKNOWN_ACCOUNT}, the same answer as for an account that
 * does not exist, checked before anything else about the account (type, currency, status, funds).</li>
 * </ul>
 *
 * <p>The rule lives in one place, {@link fr.backoffice.common.security.Caller}: {@code may(unit)} (this endpoint, on an
 * object of that unit), {@code mayActAs(role, unit)} (one role's reach), {@code confinedTo()} (the unit lists are
 * confined to) and {@code cannotActOn(what)} (the refusal of an action on an unreached or missing object).
 */
package fr.backoffice.common.security;
