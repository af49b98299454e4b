// Preloaded by `npm start` and `npm run samverka` (node --import) before any TypeScript is read, hence plain JavaScript.
// With each module's stripped TypeScript and V8 code cached on disk, a warm start loads neither the TypeScript
// stripper nor its WebAssembly (~5 MB resident). Entries are checked against each file's content, so a changed file is
// compiled anew. A cache Node already opened (NODE_COMPILE_CACHE) is kept; otherwise the cache is os.tmpdir()'s.
import { statSync } from "node:fs";
import { constants, enableCompileCache, getCompileCacheDir } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import process from "node:process";

if (getCompileCacheDir() === undefined) {
  const directory = path.join(tmpdir(), "node-compile-cache");
  const existing = statSync(directory, { throwIfNoEntry: false });
  // Cached code is run as it is read: never from a directory another user made or may write to.
  if (existing !== undefined && (existing.uid !== process.getuid?.() || (existing.mode & 0o022) !== 0)) {
    process.emitWarning(
      `Samverka runs without the compile cache: ${directory} is another user's or writable by others. Set NODE_COMPILE_CACHE to a directory of your own.`,
    );
  } else {
    const { status, message } = enableCompileCache(directory);
    if (status === constants.compileCacheStatus.FAILED)
      process.emitWarning(`Samverka runs without the compile cache in ${directory}: ${message ?? "it could not be opened"}.`);
  }
}
