package ru.ksamu.server.web;

import java.util.HashMap;
import java.util.Map;

/**
 * Places for long-lived streams (client events, live logs): a cap on all of them, a cap per remote
 * address so that one host cannot take every place, and places kept for the signed-in admin so
 * that anonymous viewers cannot lock the admin out. A refusal is {@link Unavailable}: 503 with
 * {@code Retry-After}, one line, never a stack trace.
 */
public final class StreamSlots {

    private final String whatRu;
    private final String whatEn;
    private final int max;
    private final int perAddress;
    private final int keptForAdmin;
    private final int retryAfterSeconds;
    private final Map<String, Integer> byAddress = new HashMap<>();
    private int open;

    /**
     * @param whatRu       what the streams are, Russian genitive plural ("живых журналов")
     * @param whatEn       the same in English ("live log streams")
     * @param max          streams open at once in all
     * @param perAddress   streams one address may hold, the admin's aside
     * @param keptForAdmin of {@code max}, places only the signed-in admin may take
     */
    public StreamSlots(String whatRu, String whatEn, int max, int perAddress, int keptForAdmin, int retryAfterSeconds) {
        if (max < 1 || perAddress < 1 || keptForAdmin < 0 || keptForAdmin >= max) {
            throw new IllegalArgumentException("stream slots: max " + max + ", per address " + perAddress
                    + ", kept for the admin " + keptForAdmin);
        }
        this.whatRu = whatRu;
        this.whatEn = whatEn;
        this.max = max;
        this.perAddress = perAddress;
        this.keptForAdmin = keptForAdmin;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A place taken; releasing it twice releases it once. */
    public final class Slot {
        private final String address;
        private boolean released;

        private Slot(String address) {
            this.address = address;
        }

        public void release() {
            synchronized (StreamSlots.this) {
                if (released) {
                    return;
                }
                released = true;
                open--;
                byAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    /**
     * Takes a place for a stream from this address.
     *
     * @throws Unavailable when every place open to the caller is taken
     */
    public synchronized Slot take(String address, boolean admin) {
        int mine = byAddress.getOrDefault(address, 0);
        if (!admin && mine >= perAddress) {
            throw new Unavailable("С адреса " + address + " уже открыто " + mine + " " + whatRu
                    + " (больше нельзя), попробуйте позже", address + " already holds " + mine + " "
                    + whatEn + ", the most one address may; try later", retryAfterSeconds);
        }
        if (open >= (admin ? max : max - keptForAdmin)) {
            throw new Unavailable("Открыто слишком много " + whatRu + " (" + open + "), попробуйте позже", "too many "
                    + whatEn + " (" + open + "), try later", retryAfterSeconds);
        }
        open++;
        byAddress.merge(address, 1, Integer::sum);
        return new Slot(address);
    }

    public synchronized int open() {
        return open;
    }
}
