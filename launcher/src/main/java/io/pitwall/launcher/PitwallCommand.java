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
        subcommands = {DemoCommand.class, UpCommand.class, TailCommand.class, CommandLine.HelpCommand.class})
public final class PitwallCommand implements Runnable {

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
