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
            int byValue = compareDigits(a, b);
            return byValue != 0 ? byValue : a.compareTo(b);
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        return a.compareTo(b);
    }

    /**
     * The numeric order of two digit strings of any length, without parsing them (a classification sorts the cars
     * for every screen): past leading zeros, the longer number is the larger, and equal lengths compare digit by
     * digit.
     */
    private static int compareDigits(String a, String b) {
        int aStart = firstSignificant(a);
        int bStart = firstSignificant(b);
        int byLength = Integer.compare(a.length() - aStart, b.length() - bStart);
        if (byLength != 0) {
            return byLength;
        }
        for (int i = aStart, j = bStart; i < a.length(); i++, j++) {
            int byDigit = Integer.compare(Character.digit(a.charAt(i), 10), Character.digit(b.charAt(j), 10));
            if (byDigit != 0) {
                return byDigit;
            }
        }
        return 0;
    }

    private static int firstSignificant(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && Character.digit(digits.charAt(i), 10) == 0) {
            i++;
        }
        return i;
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
