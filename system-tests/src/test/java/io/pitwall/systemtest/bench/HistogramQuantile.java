package io.pitwall.systemtest.bench;

import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A quantile read off a Prometheus histogram: the upper bound of the first bucket holding at least that share of
 * the observations (so an upper bound of the true quantile, as coarse as the buckets).
 */
final class HistogramQuantile {

    private HistogramQuantile() {
    }

    static Optional<Double> of(String scrape, String name, String labelFragment, double quantile) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "_bucket\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(scrape);
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        while (m.find()) {
            String labels = m.group(1);
            Matcher le = Pattern.compile("le=\"([^\"]+)\"").matcher(labels);
            if (labels.contains(labelFragment) && le.find()) {
                double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                cumulative.merge(bound, Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        if (cumulative.isEmpty() || cumulative.lastEntry().getValue() == 0) {
            return Optional.empty();
        }
        double wanted = quantile * cumulative.lastEntry().getValue();
        return cumulative.entrySet().stream().filter(e -> e.getValue() >= wanted).map(java.util.Map.Entry::getKey)
                .findFirst();
    }
}
