// Render a batch of formulas with the pinned katex package: one process per build.
// stdin:  {"options": {...}, "items": [{"tex": "...", "display": true}, ...]}
// stdout: {"version": "0.x.y", "results": [{"html": "..."} | {"error": "..."}, ...]}
import katex from "katex";

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;
const { options, items } = JSON.parse(input);
const results = items.map(({ tex, display }) => {
  try {
    // A fresh copy of the macros for each formula: a \gdef in one must not leak into the next
    // (each formula is cached on its own).
    const macros = { ...(options.macros ?? {}) };
    return { html: katex.renderToString(tex, { ...options, macros, displayMode: display, throwOnError: true }) };
  } catch (error) {
    return { error: String(error.message ?? error) };
  }
});
process.stdout.write(JSON.stringify({ version: katex.version, results }));
