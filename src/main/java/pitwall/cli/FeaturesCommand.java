package pitwall.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pitwall.data.FrameLoader;
import pitwall.data.SeasonData;
import pitwall.data.WorkerClient;
import pitwall.features.AsOfFeatures;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureCatalogue;
import pitwall.features.FeatureDef;
import pitwall.features.FeatureFrames;
import pitwall.features.FeatureMatrix;
import pitwall.features.FeatureSet;

/** {@code pitwall features list|export}: the feature catalogue, and feature matrices as CSV. */
@Command(name = "features",
        description = "The point-in-time pre-race features: list the catalogue, export a feature matrix as CSV.",
        subcommands = {FeaturesCommand.ListFeatures.class, FeaturesCommand.Export.class})
public final class FeaturesCommand extends CommandGroup {

    /** Name, sets, meaning, window and missing rule of every feature. */
    static void printCatalogue(PrintWriter out) {
        FeatureSet pre = FeatureCatalogue.preQualifying(), post = FeatureCatalogue.postQualifying();
        out.printf("Feature sets: %s (%d features), %s (%d = the %d pre-qualifying + %d of the race's qualifying"
                + " and grid)%n", pre.name(), pre.size(), post.name(), post.size(), pre.size(),
                post.size() - pre.size());
        out.println(FeatureCatalogue.GLOSSARY);
        out.println();
        out.printf("%-24s %-9s %s%n", "feature", "sets", "meaning");
        out.printf("%-24s %-9s %s%n", "", "", "window | when missing");
        for (FeatureDef def : FeatureCatalogue.defs()) {
            String sets = (pre.has(def.name()) ? "pre " : "") + (post.has(def.name()) ? "post" : "");
            out.printf("%-24s %-9s %s%n", def.name(), sets.strip(), def.meaning());
            out.printf("%-24s %-9s %s | %s%n", "", "", def.window(), def.missingRule());
        }
    }

    @Command(name = "list", description = "Print every feature of both sets: meaning, window and missing-value rule.")
    static final class ListFeatures extends ReportingCommand {
        @Override
        int run(PrintWriter out) {
            printCatalogue(out);
            return 0;
        }
    }

    @Command(name = "export",
            description = "Compute a feature matrix from the Worker's data and write it as CSV (keys, features,"
                    + " labels; upcoming races have empty labels).")
    static final class Export extends SeasonsCommand {
        @Option(names = "--set", defaultValue = FeatureCatalogue.POST_QUALIFYING,
                description = "pre-qualifying or post-qualifying (default: ${DEFAULT-VALUE}).")
        String set;
        @Option(names = "--history-from", defaultValue = "1950",
                description = "First season read to warm up careers and team records (default: ${DEFAULT-VALUE}).")
        int historyFrom;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV file to write.")
        Path out;

        @Override
        int run(PrintWriter printer) {
            FeatureSet featureSet = FeatureCatalogue.set(set);
            try (WorkerClient client = new WorkerClient(worker.config())) {
                int to = seasons.last(client::latestSeason);
                List<SeasonData> history = FrameLoader.fetch(client, Math.min(historyFrom, seasons.from), to);
                long t0 = System.nanoTime();
                FeatureMatrix matrix = AsOfFeatures.compute(history, featureSet, seasons.from, to);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                FeatureFrames.writeCsv(matrix, out);
                long races = matrix.rows().stream().mapToInt(EntrantRow::raceId).distinct().count();
                printer.printf("%s: %d rows (%d races, %d-%d) x %d features in %d ms -> %s%n", featureSet.name(),
                        matrix.rows().size(), races, seasons.from, to, featureSet.size(), ms, out);
            }
            return 0;
        }
    }
}
