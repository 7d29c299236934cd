package io.pitwall.simulator.race;

import io.pitwall.events.LineKind;
import io.pitwall.events.Source;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the decoders make of the physical crossings: missed crossings vanish, some reads are doubled a
 * fraction of a second later, a dual-transponder car is read twice, and every read gets its stream position
 * (one stream per decoder, sequences counting up from 1 per stream epoch).
 *
 * <p>Streams: with hardware sector indexes (CTP01 style) each line has its own decoder
 * ({@code <venue>/finish}, {@code /s1}, {@code /s2}, {@code /pit-in}, {@code /pit-out}); LapSnapper style puts
 * FINISH and the index-less SECTOR lines on one decoder ({@code <venue>/lapsnapper}).
 */
final class DetectorModel {

    private static final long MILLI = 1_000L;

    private final RaceScenario scenario;
    private final SplittableRandom random;
    private final Map<String, GeneratedCar> cars = new HashMap<>();
    private final long restartAt;

    DetectorModel(RaceScenario scenario, SplittableRandom random, List<GeneratedCar> field, long start) {
        this.scenario = scenario;
        this.random = random;
        field.forEach(car -> cars.put(car.carNumber(), car));
        this.restartAt = scenario.decoderRestart() ? start + 5 * 60 * 1_000_000L : Long.MAX_VALUE;
    }

    List<DetectorRead> read(List<TrackCrossing> crossings) {
        List<Raw> raw = new ArrayList<>();
        for (TrackCrossing crossing : crossings) {
            if (!crossing.read()) {
                continue;
            }
            GeneratedCar car = cars.get(crossing.carNumber());
            raw.add(new Raw(crossing, car.transponders().get(0), crossing.timeMicros(), false));
            if (car.transponders().size() > 1) {
                long delay = random.nextLong(1, 30) * MILLI;
                raw.add(new Raw(crossing, car.transponders().get(1), crossing.timeMicros() + delay, true));
            }
            if (random.nextDouble() < scenario.ghostReadRate()) {
                long delay = random.nextLong(5, 800) * MILLI;
                raw.add(new Raw(crossing, car.transponders().get(0), crossing.timeMicros() + delay, true));
            }
        }
        raw.sort(Comparator.comparingLong(Raw::time).thenComparing(r -> r.crossing().carNumber())
                .thenComparing(Raw::transponder));
        Map<String, Long> nextSequence = new HashMap<>();
        List<DetectorRead> reads = new ArrayList<>(raw.size());
        for (Raw r : raw) {
            TrackCrossing crossing = r.crossing();
            String stream = streamOf(crossing.line(), crossing.lineIndex());
            boolean lapsnapper = stream.endsWith("/lapsnapper");
            long epoch = isFinishDecoder(stream) && r.time() >= restartAt ? 1 : 0;
            long sequence = nextSequence.merge(stream + "@" + epoch, 1L, Long::sum);
            Integer reportedIndex = crossing.line() == LineKind.SECTOR && scenario.hardwareSectorIndex()
                    ? crossing.lineIndex() : null;
            reads.add(new DetectorRead(crossing.carNumber(), r.transponder(), r.time(), crossing.line(), reportedIndex,
                    crossing.lineIndex(), r.ghost(), lapsnapper ? Source.LAPSNAPPER : Source.CTP01, stream, epoch,
                    sequence));
        }
        return reads;
    }

    private String streamOf(LineKind line, Integer index) {
        String venue = scenario.venueId();
        if (!scenario.hardwareSectorIndex() && (line == LineKind.FINISH || line == LineKind.SECTOR)) {
            return venue + "/lapsnapper";
        }
        return switch (line) {
            case FINISH -> venue + "/finish";
            case SECTOR -> venue + "/s" + index;
            case PIT_IN -> venue + "/pit-in";
            case PIT_OUT -> venue + "/pit-out";
            default -> venue + "/other";
        };
    }

    private boolean isFinishDecoder(String stream) {
        return stream.endsWith("/finish") || stream.endsWith("/lapsnapper");
    }

    private record Raw(TrackCrossing crossing, String transponder, long time, boolean ghost) {
    }
}
