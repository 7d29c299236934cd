package io.pitwall.ingest.smartrace.mapping;

import io.pitwall.events.Entry;
import io.pitwall.ingest.smartrace.codec.SensorMessage;
import io.pitwall.ingest.smartrace.codec.ServerMessage.ControllerData;
import io.pitwall.ingest.smartrace.codec.ServerMessage.ControllerInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A venue's entry list as {@code update_controller_data}. Controller {@code n} belongs to the entry
 * that lists transponder {@code "n"} (Smartrace passings carry the controller id as transponder). Its
 * driver is the entry's current driver (or the car number), its car the entry's car (or the car
 * number). Controllers 1 to {@code controllers} are always sent, as Smartrace does, plus any higher
 * one an entry uses; unassigned ones in Smartrace's grey.
 *
 * <p>The entry list has no colours: each controller gets a fixed background from a palette whose first
 * two are Smartrace's own defaults, so a driver keeps a colour from session to session.
 */
public final class ControllerDataMapper {

    static final String UNASSIGNED = "Not assigned";
    static final String UNASSIGNED_BACKGROUND = "rgb(188, 195, 188)";
    static final String TEXT_COLOR = "rgb(0, 0, 0)";
    static final List<String> PALETTE = List.of(
            "rgb(28, 237, 175)", "rgb(254, 249, 17)", "rgb(255, 99, 71)", "rgb(64, 156, 255)",
            "rgb(214, 120, 255)", "rgb(255, 165, 0)", "rgb(144, 238, 144)", "rgb(255, 182, 193)");

    private final int controllers;

    /** @param controllers how many controllers are always announced (Smartrace: 6) */
    public ControllerDataMapper(int controllers) {
        if (controllers < 1 || controllers > SensorMessage.MAX_CONTROLLER) {
            throw new IllegalArgumentException("controllers must be from 1 to " + SensorMessage.MAX_CONTROLLER);
        }
        this.controllers = controllers;
    }

    /** Every controller unassigned: what a sensor sees before the venue has a session. */
    public ControllerData unassigned() {
        return controllerData(List.of());
    }

    public ControllerData controllerData(List<Entry> entries) {
        Map<Integer, Entry> byController = new LinkedHashMap<>();
        int highest = controllers;
        for (Entry entry : entries) {
            for (String transponder : entry.getTransponders()) {
                int controller = controllerNumber(transponder);
                if (controller > 0) {
                    byController.putIfAbsent(controller, entry); // first entry wins, as in the lap-processor's list order
                    highest = Math.max(highest, controller);
                }
            }
        }
        Map<String, ControllerInfo> data = new LinkedHashMap<>();
        for (int controller = 1; controller <= highest; controller++) {
            Entry entry = byController.get(controller);
            data.put(Integer.toString(controller), entry == null ? unassignedInfo() : info(controller, entry));
        }
        return new ControllerData(data);
    }

    private static ControllerInfo info(int controller, Entry entry) {
        String number = "#" + entry.getCarNumber();
        String driver = entry.getDrivers().isEmpty() ? number : entry.getDrivers().get(0);
        String car = entry.getCar() == null || entry.getCar().isBlank() ? number : entry.getCar();
        return new ControllerInfo(TEXT_COLOR, PALETTE.get((controller - 1) % PALETTE.size()), driver, car);
    }

    private static ControllerInfo unassignedInfo() {
        return new ControllerInfo(TEXT_COLOR, UNASSIGNED_BACKGROUND, UNASSIGNED, UNASSIGNED);
    }

    /** "3" → 3; anything that is not a plain controller number in range → -1. */
    private static int controllerNumber(String transponder) {
        if (transponder == null || transponder.isEmpty() || transponder.length() > 3) {
            return -1;
        }
        for (int i = 0; i < transponder.length(); i++) {
            if (transponder.charAt(i) < '0' || transponder.charAt(i) > '9') {
                return -1;
            }
        }
        int n = Integer.parseInt(transponder);
        return n >= SensorMessage.MIN_CONTROLLER && n <= SensorMessage.MAX_CONTROLLER ? n : -1;
    }
}
