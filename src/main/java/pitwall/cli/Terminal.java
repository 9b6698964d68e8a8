package pitwall.cli;

import java.io.Console;

/** Whether a person watches the output: then colours and redrawn progress bars; otherwise plain lines for logs. */
final class Terminal {

    private Terminal() {
    }

    /**
     * True only when stdin and stdout are a terminal. Since JDK 22 {@link System#console()} is non-null even when
     * output is redirected, so {@link Console#isTerminal()} decides.
     */
    static boolean interactive() {
        Console console = System.console();
        return console != null && console.isTerminal() && !"dumb".equals(System.getenv("TERM"));
    }
}
