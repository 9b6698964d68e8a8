/**
 * Rich display in the project's Jupyter kernel: Tablesaw tables as HTML tables, jsplot figures drawn by the plotly.js
 * bundled in the jar (offline, no CDN), experiment comparisons and backtests as tables.
 *
 * <p>The renderers are plain classes ({@link pitwall.notebook.display.TableHtml},
 * {@link pitwall.notebook.display.FigureHtml}, {@link pitwall.notebook.display.ResultHtml}); the jjava
 * {@link pitwall.notebook.display.DisplayExtension} only registers them on the kernel's renderer.
 */
package pitwall.notebook.display;
