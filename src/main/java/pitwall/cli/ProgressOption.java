package pitwall.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import pitwall.eval.BacktestListener;

/** {@code --no-progress}, and the backtest progress on stderr otherwise (a bar on a terminal, plain lines else). */
final class ProgressOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;
    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    BacktestListener listener() {
        return noProgress ? BacktestListener.NONE
                : new ProgressBar(spec.commandLine().getErr(), Terminal.interactive());
    }
}
