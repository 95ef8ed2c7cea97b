// Keeps a compiled copy of src/**/*.ts (esbuild, one file at a time, same layout) so the CLI runs on plain Node without
// tsx's loader: module loading through tsx cost ~0.7 s of every `ask`. A file is recompiled when its size or mtime
// changes, so editing src/ needs no build step. Plain JavaScript: it runs before any TypeScript loader exists.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const VERSION = 1;

/** Every non-test .ts file under `directory`, as paths relative to `root`. */
function sourceFiles(root, directory, files = []) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) sourceFiles(root, path, files);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts'))
      files.push(relative(root, path));
  }
  return files;
}

/** Writes through a temporary file and a rename, so CLIs started at the same moment never read half a file. */
function writeAtomically(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

function readManifest(path) {
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    return manifest.version === VERSION ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** One folder per checkout: worktrees that share a node_modules (a symlink) must not compile over each other's copy. */
function defaultCache(root) {
  return join(root, 'node_modules', '.cache', 'slowthink-cli', createHash('sha256').update(root).digest('hex').slice(0, 12));
}

/**
 * Brings the compiled copy of `root`/src up to date in `cache` and returns the path of the compiled `entry`, or
 * undefined when it cannot be built here (no src/, no esbuild): the caller then runs the sources through tsx.
 * @param {{ root: string, cache?: string, entry?: string }} options
 * @returns {Promise<{ entry: string, compiled: number } | undefined>}
 */
export async function compiledEntry({ root, cache = defaultCache(root), entry = 'src/cli/main.ts' }) {
  if (!existsSync(join(root, entry))) return undefined;
  const manifestPath = join(cache, 'manifest.json');
  const previous = readManifest(manifestPath)?.files ?? {};
  const files = {};
  const stale = [];
  for (const file of sourceFiles(root, join(root, 'src'))) {
    const stat = statSync(join(root, file));
    files[file] = `${stat.size}:${stat.mtimeMs}`;
    if (previous[file] !== files[file] || !existsSync(join(cache, file.replace(/\.ts$/, '.js')))) stale.push(file);
  }
  const removed = Object.keys(previous).filter((file) => !(file in files));
  if (stale.length > 0 || removed.length > 0) {
    let esbuild;
    try {
      esbuild = await import('esbuild');
    } catch {
      return undefined;
    }
    const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
    await Promise.all(
      stale.map(async (file) => {
        const source = readFileSync(join(root, file), 'utf8');
        const { code } = await esbuild.transform(source, {
          loader: 'ts',
          format: 'esm',
          target: 'node20',
          sourcefile: join(root, file),
          sourcemap: 'inline',
          tsconfigRaw: { compilerOptions: tsconfig.compilerOptions ?? {} },
        });
        writeAtomically(join(cache, file.replace(/\.ts$/, '.js')), code);
      }),
    );
    for (const file of removed) rmSync(join(cache, file.replace(/\.ts$/, '.js')), { force: true });
    // Files found through import.meta.url (models/*.gguf, training/) must sit where they sit beside src/.
    for (const name of ['models', 'training']) {
      if (existsSync(join(root, name)) && !existsSync(join(cache, name))) {
        try {
          symlinkSync(join(root, name), join(cache, name), 'dir');
        } catch (error) {
          if (error.code !== 'EEXIST') throw error;
        }
      }
    }
    writeAtomically(join(cache, 'package.json'), '{ "type": "module" }\n');
    writeAtomically(manifestPath, JSON.stringify({ version: VERSION, files }));
  }
  return { entry: join(cache, entry.replace(/\.ts$/, '.js')), compiled: stale.length };
}
