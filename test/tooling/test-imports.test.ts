// Mocha runs in parallel workers. A test file imported by another registers its suites again in the
// worker that loads the importer, so its tests run once or twice depending on how the files were
// shared out (the consent manifest tests did, 334 or 345 tests a run). Shared values live in modules
// that are not test files; this check keeps it so.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const REPO = resolve(import.meta.dirname, "../..");
const TEST_FILE = /\.test\.ts$/;
const IMPORT_OF_TEST_FILE =
  /\bfrom\s+["']([^"']+\.test\.ts)["']|\bimport\(\s*["']([^"']+\.test\.ts)["']/g;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every `file: imported` where a TypeScript file under `dir` imports a `.test.ts` file. */
function importsOfTestFiles(files: readonly { path: string; text: string }[]): string[] {
  return files.flatMap(({ path, text }) =>
    [...text.matchAll(IMPORT_OF_TEST_FILE)].map((m) => `${path}: ${m[1] ?? m[2]}`),
  );
}

describe("test files: none imports another", () => {
  it("finds an import of a test file, static or dynamic", () => {
    // Built from parts, so that this file's own text holds no import of a test file.
    const test = (name: string) => `${name}.${"test"}.ts`;
    assert.deepEqual(
      importsOfTestFiles([
        {
          path: "a.test.ts",
          text: `import { X } from "${test("./b")}";\nconst y = await import("${test("../c")}");`,
        },
        { path: "d.ts", text: 'import { X } from "./e.ts";' },
      ]),
      [`a.test.ts: ${test("./b")}`, `a.test.ts: ${test("../c")}`],
    );
  });

  it("no file under test/ imports a .test.ts file", () => {
    const files = tsFiles(join(REPO, "test")).map((path) => ({
      path: relative(REPO, path),
      text: readFileSync(path, "utf8"),
    }));
    assert.ok(files.filter((f) => TEST_FILE.test(f.path)).length > 20, "the test files were found");
    assert.deepEqual(importsOfTestFiles(files), []);
  });
});
