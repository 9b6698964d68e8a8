package pitwall.cli;

import java.io.PrintWriter;
import java.time.Duration;
import pitwall.eval.BacktestListener;

/**
 * Progress of a walk-forward backtest with ETA. On a terminal one line redrawn in place ({@code \r}); otherwise
 * (output redirected, a CI log) a plain line at every tenth of the way, so logs hold no carriage returns.
 */
final class ProgressBar implements BacktestListener {

    private static final int WIDTH = 30;
    private static final int PLAIN_LINES = 10;
    private final PrintWriter out;
    private final boolean redraw;
    private int lastLength;
    private int linesPrinted;

    /** Redrawn in place only when {@code redraw}; {@link Terminal#interactive()} says whether a person watches. */
    ProgressBar(PrintWriter out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    @Override
    public synchronized void onProgress(Progress p) {
        String status = String.format("%3d%%  %d/%d  %-16s %-8s elapsed %s  ETA %s", Math.round(p.fraction() * 100),
                p.step(), p.totalSteps(), p.variant(), p.unit(), clock(p.elapsed()), clock(p.eta()));
        if (redraw) {
            int filled = (int) Math.round(p.fraction() * WIDTH);
            String line = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + status;
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            if (p.step() == p.totalSteps()) {
                out.println();
            }
        } else {
            int due = (int) Math.floor(p.fraction() * PLAIN_LINES);
            if (due <= linesPrinted) {
                return;
            }
            linesPrinted = due;
            out.println("progress " + status.stripTrailing());
        }
        out.flush();
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
