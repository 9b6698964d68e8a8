package pitwall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import pitwall.eval.BacktestListener.Progress;

class ProgressBarTest {

    /** 86 races of a walk-forward backtest, one second each. */
    private static String draw(boolean redraw) {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), redraw);
        for (int step = 1; step <= 86; step++) {
            bar.onProgress(new Progress("rf-position", "2025 R" + (step % 24 + 1), step, 86, Duration.ofSeconds(step)));
        }
        return text.toString();
    }

    @Test
    void onATerminalOneLineIsRedrawnInPlace() {
        String text = draw(true);
        assertEquals(86, text.chars().filter(c -> c == '\r').count());
        assertEquals(1, text.chars().filter(c -> c == '\n').count(), "one line, ended when the backtest is done");
        assertTrue(text.contains("[##############################] 100%  86/86"), text);
    }

    @Test
    void redirectedItPrintsATenthOfTheWayPerLineWithoutCarriageReturns() {
        String text = draw(false);
        assertFalse(text.contains("\r") || text.contains("\u001b"), text);
        assertEquals(10, text.lines().count(), text);
        assertTrue(text.lines().allMatch(l -> l.startsWith("progress ")), text);
        assertTrue(text.lines().toList().getFirst().startsWith("progress  10%  9/86  rf-position"), text);
        assertTrue(text.lines().toList().getLast().startsWith("progress 100%  86/86"), text);
        assertTrue(text.contains("ETA 0:00"), text);
    }
}
