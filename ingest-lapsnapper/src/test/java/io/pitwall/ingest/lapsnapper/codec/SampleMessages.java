package io.pitwall.ingest.lapsnapper.codec;

import java.util.List;

/** One realistic message of every type, with values that exercise the edges of each field. */
final class SampleMessages {

    private SampleMessages() {
    }

    static final MessageHeader CLIENT = new MessageHeader(1_000_001, MessageHeader.SERVER_VERSION_5_20);
    static final MessageHeader SERVER = new MessageHeader(60, MessageHeader.SERVER_VERSION_5_20);

    static final TrackSettings TRACK = new TrackSettings(true, 15_000, 5_000, 5_500, 6_000, true, 240_000);

    static final List<LapSnapperMessage> ALL = List.of(
            new ServerInfoRequest(CLIENT, List.of(1, 2, 3, 4)),
            new ServerInfo(SERVER, new DecoderInfo(1, 510, 2, 10022, 1, 1), SystemState.TIMING.code()),
            new ServerInfoFailed(SERVER, 1),
            new Heartbeat(SERVER),
            new GetDecoderTime(CLIENT),
            new DecoderTime(SERVER, 1_607_504_803_361L),
            new DecoderTimeFailed(SERVER),
            new TimeEvent(SERVER, 10003, 1, "Mäkinen \"Flying\" 🏁", new AbsoluteTime(157, 1_607_504_803_361L),
                    TimeEvent.SECTOR_LINE),
            new StopSession(CLIENT, "1234"),
            new ExitSession(CLIENT, "1234"),
            new StartSession(CLIENT, "1234", new SessionParameters(2, 3, 1, 3, 25, false, true, true, true), TRACK),
            new StartMaticStatus(CLIENT, "1234", StartMaticStatus.OPENED, 60, 1),
            new SessionInformation(CLIENT, "1234", "Race 1", false, List.of(
                    new DriverInformation(7, "Kimi", new TransponderKey(10003, 1), true),
                    new DriverInformation(44, "Lewis", new TransponderKey(10004, 2), false))),
            new RaceTrackSettings(CLIENT, "1234", TRACK));
}
