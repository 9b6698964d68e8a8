/** The local toolchain: the project root, wrangler, the local D1 and the local Worker (attached or detached). */
package pitwall.local;
