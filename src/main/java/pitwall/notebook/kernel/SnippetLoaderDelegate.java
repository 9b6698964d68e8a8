package pitwall.notebook.kernel;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/**
 * Loads the classes JShell compiles from cells, and the jars added at run time, in one class loader whose parent is
 * the kernel's own: cells see the workbench's classes (parent first), so their objects are the kernel's types.
 */
final class SnippetLoaderDelegate implements LoaderDelegate {

    private final SnippetClassLoader loader;
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

    SnippetLoaderDelegate(ClassLoader parent) {
        this.loader = new SnippetClassLoader(parent);
    }

    /** The loader of cell classes; also the context class loader while a cell runs. */
    ClassLoader classLoader() {
        return loader;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        boolean[] installed = new boolean[classes.length];
        try {
            for (ClassBytecodes c : classes) {
                loader.declare(c.name(), c.bytecodes());
            }
            for (int i = 0; i < classes.length; i++) {
                Class<?> klass = loader.loadClass(classes[i].name());
                loaded.put(classes[i].name(), klass);
                installed[i] = true;
                // link now, so a broken class fails here and not in the middle of a cell
                klass.getDeclaredMethods();
            }
        } catch (Throwable e) {
            throw new ClassInstallException("load: " + e, installed);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        for (ClassBytecodes c : classes) {
            loader.declare(c.name(), c.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                loader.addURL(Path.of(entry).toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException | RuntimeException e) {
                throw new InternalException("cannot add " + entry + " to the class path: " + e.getMessage());
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> klass = loaded.get(name);
        if (klass == null) {
            throw new ClassNotFoundException(name + " was not loaded from a cell");
        }
        return klass;
    }

    /** Every class loaded from cells so far (JShell's wrapper classes and the classes declared in cells). */
    List<Class<?>> loadedClasses() {
        return new ArrayList<>(loaded.values());
    }

    private static final class SnippetClassLoader extends URLClassLoader {

        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> declared = new ConcurrentHashMap<>();

        SnippetClassLoader(ClassLoader parent) {
            super("pitwall-cells", new URL[0], parent);
        }

        void declare(String name, byte[] bytes) {
            declared.put(name, bytes);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = declared.remove(name);
            if (bytes == null) {
                return super.findClass(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }

        @Override
        protected void addURL(URL url) {
            super.addURL(url);
        }
    }
}
