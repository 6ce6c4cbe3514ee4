package io.secureconnect.bench.chat;

/**
 * How many more connections fit in the heap, judged from the last two measurements: opening connections past the
 * heap's end would measure an OutOfMemoryError (which wedges the service) instead of a density.
 */
final class HeapHeadroom {

    private HeapHeadroom() {
    }

    /** Heap per connection between two measurements; 0 when the count did not grow. */
    static double bytesPerConnection(long connectionsBefore, long heapBefore, long connectionsNow, long heapNow) {
        long more = connectionsNow - connectionsBefore;
        return more <= 0 ? 0 : Math.max(0, (heapNow - heapBefore) / (double) more);
    }

    /** Connections to open next: at most {@code step}, and no more than fit below {@code heapLimit}. */
    static int connectionsThatFit(long connectionsBefore, long heapBefore, long connectionsNow, long heapNow,
                                  long heapLimit, int step) {
        double each = bytesPerConnection(connectionsBefore, heapBefore, connectionsNow, heapNow);
        if (each == 0) {
            return step;
        }
        long fit = (long) Math.floor((heapLimit - heapNow) / each);
        return (int) Math.max(0, Math.min(step, fit));
    }
}
