/**
 * Whether the system pieces rendering needs are here. Locally a missing font or browser
 * skips the tests that need it (with the reason in the test name); in CI (CI=true) the
 * tests run regardless and fail loudly, because CI installs them.
 */
import { existsSync } from "node:fs";
import { findFonts } from "../../src/render/fonts.js";

export const inCI = process.env["CI"] === "true";
export const haveFonts = findFonts().ok;
export const skipWithoutFonts = !haveFonts && !inCI;
export const FONTS_REASON = "needs Debian package fonts-noto-cjk (not installed here)";

export const CHROMIUM_PATHS = ["/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser"] as const;
export const chromiumPath = CHROMIUM_PATHS.find((p) => existsSync(p));
export const skipWithoutChromium = chromiumPath === undefined && !inCI;
export const CHROMIUM_REASON = "needs Debian package chromium (not installed here)";
