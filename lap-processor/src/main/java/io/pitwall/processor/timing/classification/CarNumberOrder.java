package io.pitwall.processor.timing.classification;

import java.util.Comparator;

/** Car numbers in the order people expect: numerically when both are numbers ("2" before "10"), else as text. */
public final class CarNumberOrder implements Comparator<String> {

    public static final CarNumberOrder INSTANCE = new CarNumberOrder();

    private CarNumberOrder() {
    }

    @Override
    public int compare(String a, String b) {
        boolean aNumeric = isNumber(a);
        boolean bNumeric = isNumber(b);
        if (aNumeric && bNumeric) {
            int byValue = new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
            return byValue != 0 ? byValue : a.compareTo(b);
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean isNumber(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
