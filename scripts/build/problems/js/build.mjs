/**
 * Bundles the answer checker for the site:
 *   node scripts/build/problems/js/build.mjs OUTDIR
 * writes OUTDIR/answer-boot.js (every page, no mathjs) and
 * OUTDIR/answer-check.js (the chunk boot.js imports on first use), minified
 * ESM without source maps, so two builds give the same bytes. Prints each
 * file's gzip size, and fails if the chunk passes its budget or if either
 * file contains eval or new Function (the site's CSP has no unsafe-eval).
 */
import * as esbuild from 'esbuild'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const here = new URL('.', import.meta.url).pathname
const outdir = process.argv[2]
if (!outdir) {
  console.error('usage: node build.mjs OUTDIR')
  process.exit(2)
}
const CHUNK_BUDGET = 110 * 1024

const bundles = { 'answer-boot.js': 'boot.js', 'answer-check.js': 'ui.js' }
mkdirSync(outdir, { recursive: true })
let failed = false
for (const [name, entry] of Object.entries(bundles)) {
  const result = await esbuild.build({
    entryPoints: [join(here, entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'warning',
  })
  const bytes = result.outputFiles[0].contents
  const text = result.outputFiles[0].text
  writeFileSync(join(outdir, name), bytes)
  const gz = gzipSync(bytes, { level: 9 }).length
  console.log(`${name}: ${bytes.length} B, ${(gz / 1024).toFixed(1)} KB gzip`)
  if (/new Function|\beval\(/.test(text)) {
    console.error(`${name}: contains eval or new Function`)
    failed = true
  }
  if (name === 'answer-check.js' && gz > CHUNK_BUDGET) {
    console.error(`${name}: over the ${CHUNK_BUDGET / 1024} KB gzip budget`)
    failed = true
  }
  if (name === 'answer-boot.js' && /mathjs|typed-function/.test(text)) {
    console.error(`${name}: must not contain mathjs`)
    failed = true
  }
}
process.exit(failed ? 1 : 0)
