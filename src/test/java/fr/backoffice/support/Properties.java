package fr.backoffice.support;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Property-based testing on plain JUnit 5: a property is an ordinary {@code @Test} that calls
 * {@link #forAll(int, Function, Consumer)} with a generator and the checks to run on each sample.
 *
 * <p>The samples come from one {@code new Random(seed)} sequence, so a run is fully determined by its seed.
 * The seed is {@code -Dproperties.seed=...} when given, otherwise {@link System#nanoTime()}: every run tries
 * new samples. When a sample fails (an {@link AssertionError} or a {@link RuntimeException}, in the generator
 * or in the property) the test fails with an {@link AssertionError} naming the seed, how to replay it, the
 * try number and the sample, with the original failure as its cause. Replaying with that seed draws the same
 * samples in the same order, up to the failing one. There is no shrinking: generators should keep samples
 * small enough to read.
 *
 * <p>A sample that does not meet a property's precondition is skipped by returning early from the property
 * (or, better, generated so that it always holds).
 *
 * <p>The small helpers ({@link #between}, {@link #pick}, {@link #digits}, ...) are for writing generators.
 */
public final class Properties {

    /** System property holding the seed to replay. */
    public static final String SEED = "properties.seed";

    private Properties() {
    }

    /**
     * Checks {@code property} on {@code tries} samples drawn by {@code generator} from a seeded {@link Random}.
     *
     * @throws AssertionError on the first failing sample, its message naming the seed, the try and the sample
     */
    public static <T> void forAll(int tries, Function<Random, T> generator, Consumer<T> property) {
        long seed = Long.getLong(SEED, System.nanoTime());
        Random random = new Random(seed);
        for (int attempt = 1; attempt <= tries; attempt++) {
            Object shown = "<not generated: the generator failed>";
            try {
                T sample = generator.apply(random);
                shown = sample;
                property.accept(sample);
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError("Property failed with seed " + seed + " (replay with -D" + SEED + "=" + seed
                        + ") at try " + attempt + " of " + tries + " on sample " + describe(shown) + ": " + failure,
                        failure);
            }
        }
    }

    /** A uniformly drawn int in [{@code min}, {@code max}], both included. */
    public static int between(Random random, int min, int max) {
        return random.nextInt(min, max + 1);
    }

    /** A uniformly drawn long in [{@code min}, {@code max}], both included ({@code max < Long.MAX_VALUE}). */
    public static long between(Random random, long min, long max) {
        return random.nextLong(min, max + 1);
    }

    /** One of {@code values}, uniformly. */
    @SafeVarargs
    public static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /** One of {@code values}, uniformly. */
    public static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** One of the constants of {@code type}, uniformly. */
    public static <E extends Enum<E>> E pick(Random random, Class<E> type) {
        return pick(random, type.getEnumConstants());
    }

    /** {@code length} characters, each drawn uniformly from {@code alphabet}. */
    public static String chars(Random random, String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** {@code length} ASCII digits 0-9, leading zeros included. */
    public static String digits(Random random, int length) {
        return chars(random, "0123456789", length);
    }

    private static String describe(Object sample) {
        if (sample instanceof Object[] values) {
            return java.util.Arrays.deepToString(values);
        }
        return sample instanceof String ? "\"" + sample + "\"" : String.valueOf(sample);
    }
}
