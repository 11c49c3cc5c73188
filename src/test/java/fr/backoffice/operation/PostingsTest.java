package fr.backoffice.operation;

import fr.backoffice.account.InternalPurpose;
import fr.backoffice.ledger.Posting;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static fr.backoffice.support.Properties.between;
import static fr.backoffice.support.Properties.forAll;
import static fr.backoffice.support.Properties.pick;
import static org.assertj.core.api.Assertions.assertThat;

class PostingsTest {

    private static final UUID CUSTOMER = UUID.fromString("00000000-0000-7000-8000-000000000001");
    private static final UUID OTHER = UUID.fromString("00000000-0000-7000-8000-000000000002");
    private static final Map<InternalPurpose, UUID> INTERNAL = new EnumMap<>(InternalPurpose.class);

    static {
        for (InternalPurpose purpose : InternalPurpose.values()) {
            INTERNAL.put(purpose, UUID.nameUUIDFromBytes(purpose.name().getBytes()));
        }
    }

    @Test
    void a_fee_of_12_00_with_20_percent_vat_is_10_00_income_and_2_00_vat() {
        List<Posting> postings = Postings.of(fee("12.00", "20"), INTERNAL::get);
        assertThat(postings).containsExactly(
                new Posting(CUSTOMER, new BigDecimal("-12.00")),
                new Posting(INTERNAL.get(InternalPurpose.FEE_INCOME), new BigDecimal("10.00")),
                new Posting(INTERNAL.get(InternalPurpose.VAT_COLLECTED), new BigDecimal("2.00")));
    }

    @Test
    void the_net_of_vat_is_rounded_half_up_and_the_vat_takes_the_remainder() {
        // 10.00 / 1.055 = 9.4786... -> 9.48, VAT 0.52
        assertThat(Postings.netOfVat(new BigDecimal("10.00"), new BigDecimal("5.5"), 2)).isEqualByComparingTo("9.48");
        // 1 / 1.2 = 0.8333 -> 0.83 ; JPY scale 0: 100 / 1.1 = 90.909 -> 91
        assertThat(Postings.netOfVat(new BigDecimal("1.00"), new BigDecimal("20"), 2)).isEqualByComparingTo("0.83");
        assertThat(Postings.netOfVat(new BigDecimal("100"), new BigDecimal("10"), 0)).isEqualByComparingTo("91");
    }

    @Test
    void each_type_moves_money_between_the_accounts_of_the_spec() {
        assertThat(Postings.of(plan(OperationType.TRANSFER, CUSTOMER, OTHER), INTERNAL::get))
                .containsExactly(new Posting(CUSTOMER, new BigDecimal("-5.00")), new Posting(OTHER, new BigDecimal("5.00")));
        assertThat(Postings.of(plan(OperationType.TRANSFER, CUSTOMER, null), INTERNAL::get))
                .extracting(Posting::accountId).containsExactly(CUSTOMER, INTERNAL.get(InternalPurpose.OUTGOING_TRANSFERS));
        assertThat(Postings.of(plan(OperationType.CHEQUE_DEPOSIT, null, CUSTOMER), INTERNAL::get))
                .extracting(Posting::accountId).containsExactly(INTERNAL.get(InternalPurpose.CHEQUES_IN_CLEARING), CUSTOMER);
        assertThat(Postings.of(plan(OperationType.CASH_DEPOSIT, null, CUSTOMER), INTERNAL::get))
                .extracting(Posting::accountId).containsExactly(INTERNAL.get(InternalPurpose.CASH), CUSTOMER);
        assertThat(Postings.of(plan(OperationType.CASH_WITHDRAWAL, CUSTOMER, null), INTERNAL::get))
                .extracting(Posting::accountId).containsExactly(CUSTOMER, INTERNAL.get(InternalPurpose.CASH));
    }

    @Test
    void every_posting_sums_to_zero() {
        forAll(1000, PostingsTest::plan, plan -> {
            List<Posting> postings = Postings.of(plan, INTERNAL::get);
            assertThat(postings.stream().map(Posting::amount).reduce(BigDecimal.ZERO, BigDecimal::add)).isZero();
            assertThat(Postings.mirror(postings).stream().map(Posting::amount).reduce(BigDecimal.ZERO, BigDecimal::add)).isZero();
            assertThat(postings).allSatisfy(p -> assertThat(p.amount().signum()).isNotZero());
        });
    }

    private static Postings.Plan plan(Random random) {
        OperationType t = pick(random, OperationType.TRANSFER, OperationType.CHEQUE_DEPOSIT,
                OperationType.CASH_DEPOSIT, OperationType.CASH_WITHDRAWAL, OperationType.FEE);
        int s = pick(random, 0, 2, 3);
        long u = between(random, 1L, 100_000_000_000L);
        String r = pick(random, "20", "10", "5.5", "2.1", "0.01", "99.99");
        BigDecimal amount = BigDecimal.valueOf(u, s);
        return switch (t) {
            case TRANSFER -> new Postings.Plan(t, amount, s, CUSTOMER, u % 2 == 0 ? OTHER : null, null);
            case CHEQUE_DEPOSIT, CASH_DEPOSIT -> new Postings.Plan(t, amount, s, null, CUSTOMER, null);
            case CASH_WITHDRAWAL -> new Postings.Plan(t, amount, s, CUSTOMER, null, null);
            default -> new Postings.Plan(t, amount, s, CUSTOMER, null, u % 3 == 0 ? null : new BigDecimal(r));
        };
    }

    private static Postings.Plan plan(OperationType type, UUID debit, UUID credit) {
        return new Postings.Plan(type, new BigDecimal("5.00"), 2, debit, credit, null);
    }

    private static Postings.Plan fee(String amount, String rate) {
        return new Postings.Plan(OperationType.FEE, new BigDecimal(amount), 2, CUSTOMER, null, new BigDecimal(rate));
    }
}
