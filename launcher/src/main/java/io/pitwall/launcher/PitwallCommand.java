package io.pitwall.launcher;

import io.pitwall.schemas.AvroTrust;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pitwall} command line: one entry point for everything a timer runs on one machine. */
@Command(
        name = "pitwall",
        mixinStandardHelpOptions = true,
        versionProvider = PitwallVersion.class,
        description = "Live race timing on Apache Kafka.",
        subcommands = {DemoCommand.class, UpCommand.class, SessionCommand.class, TailCommand.class,
                ResultsCommand.class, ExportCommand.class,
                CommandLine.HelpCommand.class})
public final class PitwallCommand implements Runnable {

    static {
        // before the first logger: the launcher's own configuration, not a logback.xml a service jar may carry
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/pitwall/launcher/logback-launcher.xml");
        }
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        AvroTrust.trustPitwallPackages();
        int exit = new CommandLine(new PitwallCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        System.exit(exit);
    }
}
