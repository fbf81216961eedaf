package com.marketreactions.producers.synthetic;

/**
 * Derives independent seeds from one master seed (SplitMix64's finalizer). Each symbol's streams are keyed
 * by its name, so a symbol's ticks depend only on the seed, its own parameters and the market: adding,
 * removing or reordering other symbols does not change them.
 */
final class Seeds {

    private Seeds() {}

    static long mix(long seed, long stream, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream * 0x100000001B3L + index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A 64-bit FNV-1a hash of a name, as a stream key. */
    static long name(String s) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001B3L;
        }
        return h;
    }
}
