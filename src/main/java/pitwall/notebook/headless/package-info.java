/**
 * Headless notebook reruns: executes the project's notebooks with Debian's Jupyter (nbclient) under the pitwall
 * kernel, writes executed copies and HTML, and names the cell that failed. Jupyter is driven, not reimplemented.
 */
package pitwall.notebook.headless;
