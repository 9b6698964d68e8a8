package pitwall.features;

/**
 * The last few values of one statistic (a finish, a DNF flag, a grid slot), newest last. A fixed ring: adding
 * beyond the capacity forgets the oldest value, which is all the "last N races" windows need.
 */
final class Recent {

    private final double[] values;
    private int size;
    private int next; // slot the next value goes to

    Recent(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        values = new double[capacity];
    }

    void add(double value) {
        values[next] = value;
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The newest value, or {@code ifEmpty}. */
    double last(double ifEmpty) {
        return size == 0 ? ifEmpty : values[(next - 1 + values.length) % values.length];
    }

    /** Mean of the newest {@code k} values (all of them when fewer), or {@code ifEmpty}. */
    double meanOfLast(int k, double ifEmpty) {
        if (k > values.length) {
            throw new IllegalArgumentException("window " + k + " exceeds capacity " + values.length);
        }
        int n = Math.min(k, size);
        if (n == 0) {
            return ifEmpty;
        }
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            sum += values[(next - i + values.length) % values.length];
        }
        return sum / n;
    }

    /** Mean of everything held, or {@code ifEmpty}. */
    double mean(double ifEmpty) {
        return meanOfLast(values.length, ifEmpty);
    }
}
