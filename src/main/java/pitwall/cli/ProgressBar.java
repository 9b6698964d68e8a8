package pitwall.cli;

import java.io.PrintWriter;
import java.time.Duration;
import pitwall.eval.BacktestListener;

/** A one-line progress bar with ETA for walk-forward backtests, redrawn in place on a terminal stream. */
final class ProgressBar implements BacktestListener {

    private static final int WIDTH = 30;
    private final PrintWriter out;
    private int lastLength;

    ProgressBar(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void onProgress(Progress p) {
        int filled = (int) Math.round(p.fraction() * WIDTH);
        String line = String.format("[%s%s] %3d%%  %d/%d  %-16s %-8s elapsed %s  ETA %s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), Math.round(p.fraction() * 100), p.step(),
                p.totalSteps(), p.variant(), p.unit(), clock(p.elapsed()), clock(p.eta()));
        out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        lastLength = line.length();
        if (p.step() == p.totalSteps()) {
            out.println();
        }
        out.flush();
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
