package io.pitwall.processor.timing;

import io.pitwall.events.Entry;
import io.pitwall.events.SessionConfig;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps transponders to cars. The mapping applies to the whole session: when race control moves a transponder
 * to another car, every crossing of that transponder moves with it.
 */
public final class EntryList {

    private final Map<String, CarIdentity> byTransponder = new HashMap<>();
    private final Map<String, CarIdentity> byCarNumber = new LinkedHashMap<>();

    public EntryList(SessionConfig config) {
        for (Entry entry : config.getEntries()) {
            CarIdentity identity = new CarIdentity(entry.getCarNumber(), entry.getClassName(), entry.getTeam(),
                    entry.getDrivers(), entry.getCar(), true);
            byCarNumber.putIfAbsent(identity.carNumber(), identity);
            for (String transponder : entry.getTransponders()) {
                // the first entry that claims a transponder keeps it; a duplicate is a data-entry error
                byTransponder.putIfAbsent(transponder, byCarNumber.get(identity.carNumber()));
            }
        }
    }

    /** The car of a transponder; an unknown transponder is its own car, numbered as the transponder. */
    public CarIdentity carOf(String transponder, String hardwareName) {
        CarIdentity known = byTransponder.get(transponder);
        if (known != null) {
            return known;
        }
        String number = byCarNumber.containsKey(transponder) ? "T" + transponder : transponder;
        List<String> drivers = hardwareName == null || hardwareName.isBlank() ? List.of() : List.of(hardwareName);
        return new CarIdentity(number, null, null, drivers, null, false);
    }

    /** Cars on the entry list, in entry-list order. */
    public Collection<CarIdentity> entries() {
        return byCarNumber.values();
    }

    public CarIdentity byNumber(String carNumber) {
        return byCarNumber.get(carNumber);
    }
}
