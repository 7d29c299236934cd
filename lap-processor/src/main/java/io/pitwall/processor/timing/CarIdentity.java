package io.pitwall.processor.timing;

import java.util.List;
import java.util.Objects;

/**
 * Who a car is: its number and entry-list details. A transponder that is not on the entry list becomes a
 * car of its own, numbered as the transponder, with {@code onEntryList} false.
 */
public record CarIdentity(String carNumber, String className, String team, List<String> drivers, String car,
                          boolean onEntryList) {

    public CarIdentity {
        Objects.requireNonNull(carNumber, "carNumber");
        drivers = List.copyOf(drivers);
    }

    /** The driver shown on the timing screen: the current (first) driver, or null. */
    public String currentDriver() {
        return drivers.isEmpty() ? null : drivers.get(0);
    }
}
