package io.pitwall.ingest.lapsnapper.codec;

/**
 * The {@code sessionParameters} object of a 6402 "Start Session" (API section 8.3).
 *
 * @param sessionType      0 practice, 1 qualification, 2 race
 * @param triggerLineCount sector count, 1 to 3
 * @param startLine        the start/finish line is the 1st (0), 2nd (1) or 3rd (2) sector line
 * @param stopType         1 manual, 2 session time, 3 lap count
 * @param stopValue        seconds or laps, by stop type (the example sends -1 for a manual stop)
 * @param continuousSession                  practice and qualification only
 * @param personalStoppingCriteria           practice and qualification only
 * @param resultsAreOrderedAgainstTotalTime  qualification ordered by total time instead of best lap
 * @param sessionStopStartsWhenLeaderReachesStopValue the session stops when the leader has finished; the key is
 *        spelt exactly like this on the wire
 */
public record SessionParameters(int sessionType, int triggerLineCount, int startLine, int stopType, int stopValue,
                                boolean continuousSession, boolean personalStoppingCriteria,
                                boolean resultsAreOrderedAgainstTotalTime,
                                boolean sessionStopStartsWhenLeaderReachesStopValue) {
}
