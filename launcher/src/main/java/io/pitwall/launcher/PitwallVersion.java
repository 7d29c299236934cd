package io.pitwall.launcher;

import picocli.CommandLine;

/** Reports the version Maven stamped into the jar manifest. */
public final class PitwallVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = PitwallVersion.class.getPackage().getImplementationVersion();
        return new String[] {"pitwall " + (version == null ? "development build" : version)};
    }
}
