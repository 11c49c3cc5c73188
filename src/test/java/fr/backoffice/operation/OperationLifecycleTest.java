package fr.backoffice.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static fr.backoffice.support.Properties.between;
import static fr.backoffice.support.Properties.forAll;
import static fr.backoffice.support.Properties.pick;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class OperationLifecycleTest {

    /**
     * Every allowed (type, from, action) and the statuses it may lead to, written out by hand from
     * the lifecycle the OpenAPI document describes for each action. Any combination not listed must be refused.
     */
    private static final String ALLOWED = """
            TRANSFER         RECEIVED          VALIDATE  -> PENDING_APPROVAL SCHEDULED EXECUTED REJECTED
            TRANSFER         RECEIVED          EXECUTE   -> EXECUTED REJECTED
            TRANSFER         RECEIVED          REJECT    -> REJECTED
            TRANSFER         RECEIVED          CANCEL    -> CANCELLED
            TRANSFER         PENDING_APPROVAL  APPROVE   -> SCHEDULED EXECUTED REJECTED
            TRANSFER         PENDING_APPROVAL  REJECT    -> REJECTED
            TRANSFER         PENDING_APPROVAL  CANCEL    -> CANCELLED
            TRANSFER         SCHEDULED         EXECUTE   -> EXECUTED RECEIVED REJECTED
            TRANSFER         SCHEDULED         REJECT    -> REJECTED
            TRANSFER         SCHEDULED         CANCEL    -> CANCELLED
            TRANSFER         EXECUTED          REVERSE   -> REVERSED
            TRANSFER         EXECUTED          RETURN    -> RETURNED
            TRANSFER         CLEARED           REVERSE   -> REVERSED

            CASH_DEPOSIT     RECEIVED          VALIDATE  -> PENDING_APPROVAL SCHEDULED EXECUTED REJECTED
            CASH_DEPOSIT     RECEIVED          EXECUTE   -> EXECUTED REJECTED
            CASH_DEPOSIT     RECEIVED          REJECT    -> REJECTED
            CASH_DEPOSIT     RECEIVED          CANCEL    -> CANCELLED
            CASH_DEPOSIT     PENDING_APPROVAL  APPROVE   -> SCHEDULED EXECUTED REJECTED
            CASH_DEPOSIT     PENDING_APPROVAL  REJECT    -> REJECTED
            CASH_DEPOSIT     PENDING_APPROVAL  CANCEL    -> CANCELLED
            CASH_DEPOSIT     SCHEDULED         EXECUTE   -> EXECUTED RECEIVED REJECTED
            CASH_DEPOSIT     SCHEDULED         REJECT    -> REJECTED
            CASH_DEPOSIT     SCHEDULED         CANCEL    -> CANCELLED
            CASH_DEPOSIT     EXECUTED          REVERSE   -> REVERSED
            CASH_DEPOSIT     CLEARED           REVERSE   -> REVERSED

            CASH_WITHDRAWAL  RECEIVED          VALIDATE  -> PENDING_APPROVAL SCHEDULED EXECUTED REJECTED
            CASH_WITHDRAWAL  RECEIVED          EXECUTE   -> EXECUTED REJECTED
            CASH_WITHDRAWAL  RECEIVED          REJECT    -> REJECTED
            CASH_WITHDRAWAL  RECEIVED          CANCEL    -> CANCELLED
            CASH_WITHDRAWAL  PENDING_APPROVAL  APPROVE   -> SCHEDULED EXECUTED REJECTED
            CASH_WITHDRAWAL  PENDING_APPROVAL  REJECT    -> REJECTED
            CASH_WITHDRAWAL  PENDING_APPROVAL  CANCEL    -> CANCELLED
            CASH_WITHDRAWAL  SCHEDULED         EXECUTE   -> EXECUTED RECEIVED REJECTED
            CASH_WITHDRAWAL  SCHEDULED         REJECT    -> REJECTED
            CASH_WITHDRAWAL  SCHEDULED         CANCEL    -> CANCELLED
            CASH_WITHDRAWAL  EXECUTED          REVERSE   -> REVERSED
            CASH_WITHDRAWAL  CLEARED           REVERSE   -> REVERSED

            FEE              RECEIVED          VALIDATE  -> PENDING_APPROVAL SCHEDULED EXECUTED REJECTED
            FEE              RECEIVED          REJECT    -> REJECTED
            FEE              RECEIVED          CANCEL    -> CANCELLED
            FEE              PENDING_APPROVAL  APPROVE   -> SCHEDULED EXECUTED REJECTED
            FEE              PENDING_APPROVAL  REJECT    -> REJECTED
            FEE              PENDING_APPROVAL  CANCEL    -> CANCELLED
            FEE              SCHEDULED         EXECUTE   -> EXECUTED RECEIVED REJECTED
            FEE              SCHEDULED         REJECT    -> REJECTED
            FEE              SCHEDULED         CANCEL    -> CANCELLED
            FEE              EXECUTED          REVERSE   -> REVERSED
            FEE              CLEARED           REVERSE   -> REVERSED

            CHEQUE_DEPOSIT   RECEIVED          VALIDATE  -> PENDING_APPROVAL SCHEDULED EXECUTED REJECTED
            CHEQUE_DEPOSIT   RECEIVED          REJECT    -> REJECTED
            CHEQUE_DEPOSIT   RECEIVED          CANCEL    -> CANCELLED
            CHEQUE_DEPOSIT   PENDING_APPROVAL  APPROVE   -> SCHEDULED EXECUTED REJECTED
            CHEQUE_DEPOSIT   PENDING_APPROVAL  REJECT    -> REJECTED
            CHEQUE_DEPOSIT   PENDING_APPROVAL  CANCEL    -> CANCELLED
            CHEQUE_DEPOSIT   SCHEDULED         EXECUTE   -> EXECUTED RECEIVED REJECTED
            CHEQUE_DEPOSIT   SCHEDULED         REJECT    -> REJECTED
            CHEQUE_DEPOSIT   SCHEDULED         CANCEL    -> CANCELLED
            CHEQUE_DEPOSIT   EXECUTED          REVERSE   -> REVERSED
            CHEQUE_DEPOSIT   EXECUTED          CLEAR     -> CLEARED
            CHEQUE_DEPOSIT   EXECUTED          BOUNCE    -> BOUNCED
            CHEQUE_DEPOSIT   CLEARED           REVERSE   -> REVERSED
            """;
    // REVERSAL, INCOMING_TRANSFER, CLEARING_SETTLEMENT and RECONCILIATION_WRITE_OFF have no row: they are created
    // EXECUTED and nothing may happen to them afterwards.

    private record Key(OperationType type, OperationStatus from, OperationAction action) {
    }

    private static final Map<Key, Set<OperationStatus>> EXPECTED = parse(ALLOWED);

    private static Map<Key, Set<OperationStatus>> parse(String table) {
        Map<Key, Set<OperationStatus>> expected = new HashMap<>();
        table.lines().filter(line -> !line.isBlank()).forEach(line -> {
            String[] sides = line.split("->");
            String[] key = sides[0].trim().split("\\s+");
            Set<OperationStatus> targets = Arrays.stream(sides[1].trim().split("\\s+"))
                    .map(OperationStatus::valueOf)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(OperationStatus.class)));
            Key k = new Key(OperationType.valueOf(key[0]), OperationStatus.valueOf(key[1]), OperationAction.valueOf(key[2]));
            if (expected.put(k, targets) != null) {
                throw new IllegalStateException("row listed twice: " + line);
            }
        });
        return expected;
    }

    static Stream<Arguments> everyCombination() {
        return Arrays.stream(OperationType.values()).flatMap(type ->
                Arrays.stream(OperationStatus.values()).flatMap(from ->
                        Arrays.stream(OperationAction.values()).map(action -> Arguments.of(type, from, action,
                                EXPECTED.getOrDefault(new Key(type, from, action), Set.of())))));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("everyCombination")
    void every_combination_follows_the_table(
            OperationType type, OperationStatus from, OperationAction action, Set<OperationStatus> expected) {
        assertEquals(expected, OperationLifecycle.targets(type, from, action));
        assertEquals(!expected.isEmpty(), OperationLifecycle.permits(type, from, action));
    }

    @Test
    void the_table_covers_every_combination_once() {
        assertEquals(9 * 10 * 9, everyCombination().count());
        assertEquals(12 * 3 + 11 + 13 + 1, EXPECTED.size());
    }

    @ParameterizedTest
    @EnumSource(names = {"REJECTED", "CANCELLED", "REVERSED", "BOUNCED", "RETURNED"})
    void terminal_statuses(OperationStatus status) {
        assertTrue(OperationLifecycle.isTerminal(status));
    }

    @ParameterizedTest
    @EnumSource(names = {"REJECTED", "CANCELLED", "REVERSED", "BOUNCED", "RETURNED"}, mode = EnumSource.Mode.EXCLUDE)
    void non_terminal_statuses(OperationStatus status) {
        assertFalse(OperationLifecycle.isTerminal(status));
    }

    @ParameterizedTest
    @EnumSource(names = {"RECEIVED", "PENDING_APPROVAL", "SCHEDULED"})
    void funds_are_held_until_execution_or_abandonment(OperationStatus status) {
        assertTrue(OperationLifecycle.holdsFunds(status));
    }

    @ParameterizedTest
    @EnumSource(names = {"RECEIVED", "PENDING_APPROVAL", "SCHEDULED"}, mode = EnumSource.Mode.EXCLUDE)
    void no_debit_hold_once_executed_or_abandoned(OperationStatus status) {
        assertFalse(OperationLifecycle.holdsFunds(status));
    }

    @Test
    void returned_sets_cannot_be_changed_by_callers() {
        Set<OperationStatus> targets = OperationLifecycle.targets(
                OperationType.TRANSFER, OperationStatus.RECEIVED, OperationAction.VALIDATE);
        assertThrows(UnsupportedOperationException.class, () -> targets.add(OperationStatus.CLEARED));
        Set<OperationStatus> none = OperationLifecycle.targets(
                OperationType.REVERSAL, OperationStatus.EXECUTED, OperationAction.REVERSE);
        assertThrows(UnsupportedOperationException.class, () -> none.add(OperationStatus.CLEARED));
    }

    @Test
    void nulls_are_refused() {
        assertThrows(NullPointerException.class,
                () -> OperationLifecycle.targets(null, OperationStatus.RECEIVED, OperationAction.VALIDATE));
        assertThrows(NullPointerException.class, () -> OperationLifecycle.isTerminal(null));
    }

    // --- random walks ---

    private record Step(OperationAction action, int choice) {
    }

    /** Up to 30 steps, each a random action and a choice among its possible targets. */
    private static List<Step> walk(Random random) {
        int size = between(random, 0, 30);
        List<Step> steps = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            steps.add(new Step(pick(random, OperationAction.class), between(random, 0, 2)));
        }
        return steps;
    }

    private record Walk(OperationType type, OperationStatus start, List<Step> steps) {
    }

    private static Walk walkFromAnyStatus(Random random) {
        return new Walk(pick(random, OperationType.class), pick(random, OperationStatus.class), walk(random));
    }

    /** Applies each step when allowed, picking one of the possible targets; refused steps leave the status. */
    @Test
    void random_action_sequences_never_leave_a_terminal_status() {
        forAll(1000, OperationLifecycleTest::walkFromAnyStatus, walk -> {
            OperationType type = walk.type();
            OperationStatus start = walk.start();
            OperationStatus status = start;
            for (Step step : walk.steps()) {
                Set<OperationStatus> targets = OperationLifecycle.targets(type, status, step.action());
                if (OperationLifecycle.isTerminal(status)) {
                    assertTrue(targets.isEmpty(), status + " allowed " + step.action());
                }
                if (!targets.isEmpty()) {
                    status = List.copyOf(targets).get(step.choice() % targets.size());
                }
            }
            if (OperationLifecycle.isTerminal(start)) {
                assertEquals(start, status);
            }
        });
    }

    @Test
    void a_released_hold_is_never_taken_again() {
        forAll(1000, OperationLifecycleTest::walkFromAnyStatus, walk -> {
            OperationType type = walk.type();
            OperationStatus start = walk.start();
            OperationStatus status = start;
            boolean released = !OperationLifecycle.holdsFunds(start);
            for (Step step : walk.steps()) {
                Set<OperationStatus> targets = OperationLifecycle.targets(type, status, step.action());
                if (!targets.isEmpty()) {
                    status = List.copyOf(targets).get(step.choice() % targets.size());
                }
                if (released) {
                    assertFalse(OperationLifecycle.holdsFunds(status), "hold taken again in " + status);
                }
                released |= !OperationLifecycle.holdsFunds(status);
            }
        });
    }

    @Test
    void a_reversal_never_moves() {
        record Sample(OperationStatus from, OperationAction action) {
        }
        forAll(1000, random -> new Sample(pick(random, OperationStatus.class), pick(random, OperationAction.class)),
                sample -> assertFalse(OperationLifecycle.permits(OperationType.REVERSAL, sample.from(), sample.action())));
    }
}
