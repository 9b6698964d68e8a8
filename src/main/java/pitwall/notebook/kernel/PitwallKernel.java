package pitwall.notebook.kernel;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

/**
 * The pitwall Jupyter kernel: Java cells through JShell ({@link CellEvaluator}) with the workbench's classes, jjava's
 * renderers and the display extensions found by {@link java.util.ServiceLoader}, the magics {@code %classpath},
 * {@code %jars} and {@code %maven}, completion, is-complete, inspection and interrupts (Jupyter's interrupt message).
 *
 * <p>JShell starts in the background as soon as the kernel is built, so Jupyter's handshake and JShell's warm-up
 * overlap; the first request that needs JShell waits for it.
 */
public final class PitwallKernel extends BaseKernel {

    /** Run before the first cell: a few imports for pitwall's data and frames, and the notebook functions. */
    public static final List<String> DEFAULT_STARTUP = List.of(
            "import java.util.*;",
            "import java.util.stream.*;",
            "import java.time.*;",
            "import java.nio.file.*;",
            "import tech.tablesaw.api.*;",
            "import pitwall.data.*;",
            "import static " + NotebookStatics.class.getName() + ".*;");

    /** A line whose first non-blank character is {@code %}: a magic, not Java. */
    private static final Pattern MAGIC_LINE = Pattern.compile("(?m)^[ \\t]*%.*$");
    private static final Pattern MAGIC_NAME_AT_CURSOR = Pattern.compile("(?:^|\\n)[ \\t]*(%%?)(\\w*)$");

    private final CompletableFuture<CellEvaluator> evaluator;
    private final ClassLoader classLoader;

    private PitwallKernel(String name, String version, HistoryManager history, JupyterIO io, CommManager comms,
            Renderer renderer, MagicsRegistry magics, boolean extensionsEnabled, StringStyler errorStyler,
            ClassLoader classLoader, List<String> startup) {
        super(name, version, languageInfo(), List.of(), history, io, comms, renderer,
                new MagicParser("(?<=(?:^|=))\\s*%", "%%", new MagicCalls(magics)), magics, extensionsEnabled,
                errorStyler);
        this.classLoader = classLoader;
        this.evaluator = CompletableFuture.supplyAsync(() -> {
            CellEvaluator created = CellEvaluator.create(classLoader);
            created.runStartup(startup, System.err);
            created.warmUp();
            return created;
        }, task -> Thread.ofPlatform().daemon().name("pitwall-kernel-start").start(task));
    }

    public static Builder builder() {
        return new Builder();
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
    }

    /** The evaluator, once JShell has started (waits for it). */
    public CellEvaluator evaluator() {
        try {
            return evaluator.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public Object evalRaw(String code) {
        String java = magicParser.resolveMagics(code);
        // handleExecuteRequest counted this cell before evaluating it
        return evaluator().eval(java, Math.max(0, executionCount.get() - 1));
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String doc = evaluator().documentation(withoutMagics(code), at);
        return doc == null ? null : new DisplayData(doc);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        Matcher magic = MAGIC_NAME_AT_CURSOR.matcher(code.substring(0, at));
        if (magic.find()) {
            var names = magic.group(1).equals("%%") ? magicsRegistry.getCellMagicNames()
                    : magicsRegistry.getLineMagicNames();
            List<String> matches = names.stream().filter(n -> n.startsWith(magic.group(2))).sorted().toList();
            return new ReplacementOptions(matches, magic.start(2), at);
        }
        return evaluator().complete(withoutMagics(code), at);
    }

    @Override
    public String isComplete(String code) {
        if (code.stripLeading().startsWith("%%")) {
            return IS_COMPLETE_YES;
        }
        return evaluator().isComplete(withoutMagics(code));
    }

    @Override
    public void interrupt() {
        if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
            evaluator.join().interrupt();
        }
    }

    @Override
    public List<String> formatError(Throwable e) {
        Throwable failure = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return failure instanceof CellFailure cell ? cell.traceback() : super.formatError(failure);
    }

    @Override
    public void onStartup() {
        installNotebookKernel();
        if (extensionsEnabled) {
            installExtensionsFrom(getClassLoader());
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
            evaluator.join().close();
        }
    }

    /** Where display extensions are looked up at start-up; jars added later are searched when they are added. */
    @Override
    protected ClassLoader getClassLoader() {
        return classLoader;
    }

    /** Adds jars or class directories for cells, and installs the display extensions they bring. */
    public void addToClasspath(List<Path> entries) {
        CellEvaluator cells = evaluator();
        cells.addToClasspath(entries);
        if (extensionsEnabled) {
            installExtensionsFrom(cells.classLoader());
        }
        System.out.println("Added to the class path: "
                + entries.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")));
    }

    void runLineMagic(String name, List<String> args) {
        try {
            magicsRegistry.evalLineMagic(this, name, args);
        } catch (MagicException e) {
            throw e;
        } catch (Exception e) {
            throw new MagicException("%" + name + ": " + Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    void runCellMagic(String name, List<String> args, String body) {
        try {
            magicsRegistry.evalCellMagic(this, name, args, body);
        } catch (MagicException e) {
            throw e;
        } catch (Exception e) {
            throw new MagicException("%%" + name + ": " + Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    /** A broken extension costs its renderers, not the kernel. */
    private void installExtensionsFrom(ClassLoader loader) {
        try {
            installExtensions(loader);
        } catch (RuntimeException | java.util.ServiceConfigurationError e) {
            System.err.println("pitwall kernel: display extensions not installed: " + e);
        }
    }

    @Override
    protected void installExtension(Extension extension) {
        try {
            super.installExtension(extension);
        } catch (RuntimeException e) {
            System.err.println("pitwall kernel: extension " + extension.getClass().getName() + " failed: " + e);
        }
    }

    /** Blanks magic lines (keeping every offset) so JShell analyses only the Java around them. */
    private static String withoutMagics(String code) {
        return MAGIC_LINE.matcher(code).replaceAll(m -> " ".repeat(m.group().length()));
    }

    /** Builds a {@link PitwallKernel}; the defaults are what Jupyter gets. */
    public static final class Builder extends BaseKernelBuilder<Builder, PitwallKernel> {

        private ClassLoader classLoader = PitwallKernel.class.getClassLoader();
        private List<String> startup = DEFAULT_STARTUP;

        private Builder() {
            name("pitwall");
            String version = PitwallKernel.class.getPackage().getImplementationVersion();
            version(version == null ? "dev" : version);
            extensionsEnabled(true);
            lineMagic("classpath", magic(ClassPathMagics::classpath));
            lineMagic("jars", magic(ClassPathMagics::jars));
            lineMagic("maven", magic(MavenMagic::maven));
        }

        /** The class loader cells build on, and where display extensions are found at start-up. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /** Code run before the first cell (by default {@link #DEFAULT_STARTUP}). */
        public Builder startup(List<String> snippets) {
            this.startup = List.copyOf(snippets);
            return this;
        }

        private static LineMagic<Void, PitwallKernel> magic(BiConsumer<PitwallKernel, List<String>> body) {
            return (kernel, args) -> {
                body.accept(kernel, args);
                return null;
            };
        }

        @Override
        public PitwallKernel build() {
            return new PitwallKernel(buildName(), buildVersion(), buildHistoryManager(),
                    buildJupyterIO(buildJupyterIOEncoding()), buildCommManager(), buildRenderer(), buildMagicsRegistry(),
                    buildExtensionsEnabled(), buildErrorStyler(), classLoader, startup);
        }
    }
}
