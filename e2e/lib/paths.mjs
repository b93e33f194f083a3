import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPOSITORY_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
);

// Where each run saves a picture of every screen it visits; the docs pages
// show some of them.
export const SCREENSHOT_DIR = path.join(REPOSITORY_ROOT, "docs", "screenshots");
