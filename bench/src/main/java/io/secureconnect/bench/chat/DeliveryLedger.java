package io.secureconnect.bench.chat;

import java.util.BitSet;

/**
 * What one receiver got of one conversation: which sequence numbers arrived, how often, and in what order. Loss
 * and duplication are judged against the sequence numbers the sender had acknowledged. Calls for one receiver come
 * from its socket's listener one at a time; the reading methods may come from another thread, hence the locks.
 */
final class DeliveryLedger {

    private final BitSet received = new BitSet();
    private long frames;
    private long duplicates;
    private long outOfOrder;
    private long highest;

    /** Records an arriving {@code message} frame; true when this sequence number is new to this receiver. */
    synchronized boolean record(long seq) {
        frames++;
        if (seq < highest) {
            outOfOrder++;
        }
        highest = Math.max(highest, seq);
        if (received.get((int) seq)) {
            duplicates++;
            return false;
        }
        received.set((int) seq);
        return true;
    }

    /** Message frames received, duplicates included. */
    synchronized long frames() {
        return frames;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    /** Frames that arrived after one with a higher sequence number. */
    synchronized long outOfOrder() {
        return outOfOrder;
    }

    /** Distinct sequence numbers received. */
    synchronized long distinct() {
        return received.cardinality();
    }

    /** Acknowledged sequence numbers this receiver never got. */
    synchronized long missing(BitSet acknowledged) {
        BitSet missing = (BitSet) acknowledged.clone();
        missing.andNot(received);
        return missing.cardinality();
    }

    /** Sequence numbers received that the sender never saw acknowledged (possible only if acks were lost). */
    synchronized long unacknowledged(BitSet acknowledged) {
        BitSet extra = (BitSet) received.clone();
        extra.andNot(acknowledged);
        return extra.cardinality();
    }

    /** True when every acknowledged sequence number arrived. */
    synchronized boolean hasAll(BitSet acknowledged) {
        return missing(acknowledged) == 0;
    }

    /** The highest {@code n} such that 1..n all arrived (0 if 1 did not). */
    synchronized long contiguous() {
        int firstGap = received.nextClearBit(1);
        return firstGap - 1L;
    }
}
