package io.pitwall.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The ports of the state publisher, shared by {@code up} and {@code demo}. */
final class PublisherOptions {

    static final int DEFAULT_WEB_PORT = 8080;
    static final int DEFAULT_T71_PORT = 24771;
    static final int DEFAULT_RMONITOR_PORT = 50000;

    @Option(names = "--web-port", paramLabel = "PORT",
            description = "Live timing page, REST and SSE (0 = a free port). Default: 8080, or a free port if 8080 is taken.")
    Integer webPort;

    @Option(names = "--t71-port", paramLabel = "PORT",
            description = "Timing71 t71:// WebSocket port (0 = a free port, -1 = off). Default: 24771, or a free port if taken.")
    Integer t71Port;

    @Option(names = "--rmonitor-port", paramLabel = "PORT",
            description = "RMonitor scoreboard feed, TCP (0 = a free port, -1 = off). Default: 50000, or a free port if taken.")
    Integer rmonitorPort;

    /** The publisher's options: a port given on the command line as it is, a default one only if it is free. */
    Map<String, String> publisherOptions() {
        return publisherOptions(Map.of());
    }

    /**
     * The port options: from the command line, else as {@code configured} (a configuration file) has them, else the
     * default if it is free, else a free one.
     */
    Map<String, String> publisherOptions(Map<String, String> configured) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("http.port", port(webPort, configured.get("http.port"), DEFAULT_WEB_PORT));
        options.put("t71.port", port(t71Port, configured.get("t71.port"), DEFAULT_T71_PORT));
        options.put("rmonitor.port", port(rmonitorPort, configured.get("rmonitor.port"), DEFAULT_RMONITOR_PORT));
        return options;
    }

    private static String port(Integer requested, String configured, int preferred) {
        if (requested == null && configured != null) {
            return configured;
        }
        return Integer.toString(choose(requested, preferred));
    }

    static int choose(Integer requested, int preferred) {
        if (requested != null) {
            return requested;
        }
        return isFree(preferred) ? preferred : 0;
    }

    /** Whether a listener could bind {@code port} on every interface now (as the publisher does). */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
