/** Brings the compiled copy of `root`/src up to date in `cache` and returns its compiled entry, or undefined when it cannot. */
export function compiledEntry(options: { root: string; cache?: string; entry?: string }): Promise<{ entry: string; compiled: number } | undefined>;
