/** The project's root directory, from the sources or from a bundle of them. */
export const projectRoot: string;
/** A key of the sources as they are now (paths, sizes, mtimes): it changes whenever one does. */
export function sourceKey(root?: string): string;
/** The file URL of `entry` bundled as plain JavaScript (built on first use, cached by sourceKey), or undefined. */
export function bundleUrl(name: string, entry: string, root?: string): Promise<string | undefined>;
