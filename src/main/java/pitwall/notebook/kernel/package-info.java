/**
 * The project's own Jupyter kernel: JShell on top of jjava-jupyter's wire protocol, with the workbench's class path
 * preloaded, because no ready-made Java kernel is served from Maven Central (docs/decisions.md#notebooks).
 *
 * <p>Cells run in the kernel's JVM ({@link pitwall.notebook.kernel.CellEvaluator}), so results are real objects the
 * display renderers of {@code pitwall.notebook.display} can draw. {@link pitwall.notebook.kernel.PitwallKernel}
 * adds magics ({@code %classpath}, {@code %jars}, {@code %maven}), completion, inspection and interrupts;
 * {@link pitwall.notebook.kernel.KernelMain} is the process Jupyter starts, and
 * {@link pitwall.notebook.kernel.KernelSpec} writes the kernelspec that tells Jupyter how.
 */
package pitwall.notebook.kernel;
