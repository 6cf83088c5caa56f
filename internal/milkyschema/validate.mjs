// Conformance validator for duobot: checks JSON values against the official zod
// schemas of @saltify/milky-types (pinned in package.json).
//
// Usage:
//   node validate.mjs            serve JSON lines on stdin, one answer line per request
//   node validate.mjs list       print every accepted schema name, one per line
//   node validate.mjs apis       print every API name, one per line
//
// Protocol (stdin -> stdout, one JSON document per line, answers in request order):
//   on start the process writes {"ready":true,"milky_version":"1.2","package_version":"1.2.2"}
//   {"id":1,"schema":"event","value":{...}}            -> {"id":1,"ok":true}
//   {"id":2,"op":"parse","schema":"...","value":...}    -> {"id":2,"ok":true,"output":<parsed value>}
//   {"id":3,"op":"strict","schema":"...","value":...}   -> ok only if the schema accepts the value
//        AND keeps it: no unknown key stripped, no array element dropped, no value replaced
//        (e.g. an invalid incoming segment swapped for the "[unknown]" text by .catch()).
//   {"id":4,"op":"list"}                                -> {"id":4,"ok":true,"schemas":[...],"apis":[...]}
//   any failure        -> {"id":...,"ok":false,"kind":"invalid"|"request","error":"<readable issues>"}
//   (kind "invalid": the value does not conform; "request": the request itself is wrong)

import * as milky from '@saltify/milky-types';
import * as z from 'zod';
import { createInterface } from 'node:readline';

// ---- schema table -----------------------------------------------------------

const schemas = new Map();

function isSchema(v) {
  return v !== null && typeof v === 'object' && typeof v.safeParse === 'function';
}

// Every zod schema the package exports, under its export name.
for (const [name, value] of Object.entries(milky)) {
  if (isSchema(value)) schemas.set(name, value);
}
// The package's own struct registry (same objects, listed for completeness).
for (const [name, value] of Object.entries(milky.zodCommonStructs ?? {})) {
  if (isSchema(value) && !schemas.has(name)) schemas.set(name, value);
}

// Convenience names.
schemas.set('event', milky.Event);
schemas.set('incoming_segment', milky.IncomingSegment);
schemas.set('outgoing_segment', milky.OutgoingSegment);

// An API without a request schema takes the empty object: the SDK must send exactly {}.
const noInput = z.strictObject({});
// An API without a response schema answers with an empty data object; unknown keys are
// tolerated as everywhere else in the package (z.object is non-strict).
const noOutput = z.object({});

const apis = [];
for (const category of Object.values(milky.zodApiCategories)) {
  for (const [api, def] of Object.entries(category.apis)) {
    apis.push(api);
    schemas.set(`api_input:${api}`, def.requestSchema ?? noInput);
    schemas.set(`api_output:${api}`, def.responseSchema ?? noOutput);
  }
}

// ---- issue formatting -------------------------------------------------------

function formatPath(path) {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(root)' : out;
}

function formatIssues(issues, prefix = [], indent = '') {
  const lines = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path ?? [])];
    lines.push(`${indent}at ${formatPath(path)}: ${issue.message} [${issue.code}]`);
    if (issue.code === 'invalid_union' && Array.isArray(issue.errors)) {
      issue.errors.forEach((branch, i) => {
        if (branch.length === 0) return;
        lines.push(`${indent}  union option ${i + 1}:`);
        lines.push(...formatIssues(branch, path, indent + '    '));
      });
    }
  }
  return lines;
}

// ---- "kept" check for strict mode ---------------------------------------------

function show(v) {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 80 ? s.slice(0, 77) + '...' : s;
}

// Reports every place where the parsed output does not carry the input value:
// stripped keys, dropped array elements, replaced values. A null input that the schema
// turned into its default is fine; so are keys the schema added (defaults).
function diffKept(input, output, path, out) {
  if (input === null || input === undefined) return;
  if (Array.isArray(input)) {
    if (!Array.isArray(output)) {
      out.push(`at ${formatPath(path)}: array replaced by ${show(output)}`);
      return;
    }
    if (input.length !== output.length) {
      out.push(`at ${formatPath(path)}: array of ${input.length} came out with ${output.length} elements (invalid elements dropped)`);
      return;
    }
    input.forEach((v, i) => diffKept(v, output[i], [...path, i], out));
    return;
  }
  if (typeof input === 'object') {
    if (output === null || typeof output !== 'object' || Array.isArray(output)) {
      out.push(`at ${formatPath(path)}: object replaced by ${show(output)}`);
      return;
    }
    for (const [k, v] of Object.entries(input)) {
      if (!Object.prototype.hasOwnProperty.call(output, k)) {
        out.push(`at ${formatPath([...path, k])}: key not in the schema (stripped)`);
        continue;
      }
      diffKept(v, output[k], [...path, k], out);
    }
    return;
  }
  if (input !== output) {
    out.push(`at ${formatPath(path)}: value ${show(input)} replaced by ${show(output)}`);
  }
}

// ---- request handling -------------------------------------------------------

function handle(req) {
  const id = req?.id ?? null;
  const op = req?.op ?? 'validate';
  if (op === 'list') {
    return { id, ok: true, schemas: [...schemas.keys()].sort(), apis: [...apis] };
  }
  if (op !== 'validate' && op !== 'parse' && op !== 'strict') {
    return { id, ok: false, kind: 'request', error: `unknown op ${JSON.stringify(op)} (want validate, parse, strict or list)` };
  }
  const schema = schemas.get(req.schema);
  if (!schema) {
    return { id, ok: false, kind: 'request', error: `unknown schema ${JSON.stringify(req.schema)} (see "node validate.mjs list")` };
  }
  if (!Object.prototype.hasOwnProperty.call(req, 'value')) {
    return { id, ok: false, kind: 'request', error: 'request has no "value"' };
  }
  const result = schema.safeParse(req.value);
  if (!result.success) {
    return { id, ok: false, kind: 'invalid', error: formatIssues(result.error.issues).join('\n') };
  }
  if (op === 'strict') {
    const diffs = [];
    diffKept(req.value, result.data, [], diffs);
    if (diffs.length > 0) {
      return { id, ok: false, kind: 'invalid', error: 'accepted, but the schema did not keep the value:\n' + diffs.join('\n') };
    }
  }
  if (op === 'parse') {
    return { id, ok: true, output: result.data ?? null };
  }
  return { id, ok: true };
}

const command = process.argv[2];
if (command === 'list') {
  process.stdout.write([...schemas.keys()].sort().join('\n') + '\n');
} else if (command === 'apis') {
  process.stdout.write(apis.join('\n') + '\n');
} else if (command !== undefined) {
  process.stderr.write(`validate.mjs: unknown command ${JSON.stringify(command)} (want list, apis or none)\n`);
  process.exitCode = 2;
} else {
  process.stdout.write(JSON.stringify({
    ready: true,
    milky_version: milky.milkyVersion,
    package_version: milky.milkyPackageVersion,
  }) + '\n');
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on('line', (line) => {
    if (line.trim() === '') return;
    let req;
    let answer;
    try {
      req = JSON.parse(line);
    } catch (err) {
      answer = { id: null, ok: false, kind: 'request', error: `bad request line: ${err?.message ?? String(err)}` };
    }
    if (answer === undefined) {
      try {
        answer = handle(req);
      } catch (err) {
        answer = { id: req?.id ?? null, ok: false, kind: 'request', error: `validator error: ${err?.stack ?? String(err)}` };
      }
    }
    process.stdout.write(JSON.stringify(answer) + '\n');
  });
}
