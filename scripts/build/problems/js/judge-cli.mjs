/**
 * For the Python tests: reads a JSON array of {"data": …, "input": "…"} on
 * stdin and prints the JSON array of judge() results, in order.
 *   echo '[{"data": {…}, "input": "2x"}]' | node scripts/build/problems/js/judge-cli.mjs
 */
import { judge } from './core.js'

let text = ''
process.stdin.setEncoding('utf8')
for await (const part of process.stdin) text += part
const cases = JSON.parse(text)
process.stdout.write(JSON.stringify(cases.map(c => judge(c.input, c.data))))
process.stdout.write('\n')
