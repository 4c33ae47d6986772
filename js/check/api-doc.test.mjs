// js/API.md is written by hand; this keeps it honest: every export of
// js/scaiauth.d.ts has a section there, every member of an exported
// interface or class is named in its section, and every method of one
// (not an optional one, such as a Logger's) is shown as it is called: its
// parameters' names, and which are optional.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";

const root = new URL("../..", import.meta.url);
const types = readFileSync(new URL("js/scaiauth.d.ts", root), "utf8");
const reference = readFileSync(new URL("js/API.md", root), "utf8");

/** The exported names of a declaration file, with the members of each. */
function exportsOf(source) {
  const found = new Map();
  let current = null;
  for (const line of source.split("\n")) {
    const declared = line.match(
      /^export (?:declare )?(?:type|interface|class|function|const|enum) (\w+)/,
    );
    if (declared) {
      current = { members: new Set(), calls: new Map(), open: /\{\s*$/.test(line) };
      found.set(declared[1], current);
      continue;
    }
    if (line.startsWith("}")) {
      current = null;
      continue;
    }
    // Members sit at two spaces; deeper lines belong to a member's type.
    const member = current?.open && line.match(/^ {2}(?:readonly |static )?(\w+)\??[(<:]/);
    if (member && member[1] !== "constructor") {
      current.members.add(member[1]);
      const call = line.match(/^ {2}(?:static )?(\w+)(?:<[^>]*>)?\((.*)\)\s*:/);
      if (call) {
        current.calls.set(call[1], `${call[1]}(${parameterNames(call[2]).join(", ")})`);
      }
    }
  }
  return found;
}

/**
 * The names of a parameter list, `?` kept: "input: string | URL, init?:
 * RequestInit" gives ["input", "init?"]. Commas inside <>, () or [] belong
 * to a type.
 */
function parameterNames(list) {
  const names = [];
  let depth = 0;
  let piece = "";
  for (const ch of list + ",") {
    if ("<([{".includes(ch)) depth++;
    if (">)]}".includes(ch)) depth--;
    if (ch === "," && depth === 0) {
      const name = piece.trim().match(/^(?:\.\.\.)?(\w+\??)/);
      if (name) names.push(name[1]);
      piece = "";
      continue;
    }
    piece += ch;
  }
  return names;
}

/** The sections of the reference, by the first code span of their heading. */
function sectionsOf(markdown) {
  const sections = new Map();
  let name = null;
  for (const line of markdown.split("\n")) {
    const heading = line.match(/^#{2,4} .*?`(\w+)/);
    if (heading) {
      name = heading[1];
      sections.set(name, "");
      continue;
    }
    if (name) {
      sections.set(name, sections.get(name) + line + "\n");
    }
  }
  return sections;
}

const declared = exportsOf(types);
const sections = sectionsOf(reference);

test("the declaration file exports what the loader offers", () => {
  for (const name of ["mount", "AuthError", "Auth", "MountOptions", "AuthState"]) {
    assert.ok(declared.has(name), `js/scaiauth.d.ts exports no ${name}`);
  }
});

test("every export of js/scaiauth.d.ts has its section in js/API.md", () => {
  const missing = [...declared.keys()].filter((name) => !sections.has(name));
  assert.deepEqual(missing, [], `js/API.md has no "## \`${missing[0]}\`" section`);
});

test("every member of an exported interface or class is named in its section", () => {
  const missing = [];
  for (const [name, { members }] of declared) {
    const section = sections.get(name) ?? "";
    for (const member of members) {
      // Named in a code span: `member`, `member(options?)`, `auth.member`.
      if (!new RegExp("`[^`\\n]*\\b" + member + "\\b[^`\\n]*`").test(section)) {
        missing.push(`${name}.${member}`);
      }
    }
  }
  assert.deepEqual(missing, [], "members js/API.md does not name in their sections");
});

test("every method of an exported interface or class is shown with its parameters", () => {
  const wrong = [];
  for (const [name, { calls }] of declared) {
    const section = sections.get(name) ?? "";
    for (const call of calls.values()) {
      // `login(options?)`, or with its receiver: `AuthError.from(value)`.
      const escaped = call.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      if (!new RegExp("`(?:[\\w.]+\\.)?" + escaped + "`").test(section)) {
        wrong.push(`${name}: ${call}`);
      }
    }
  }
  assert.deepEqual(wrong, [], "calls js/API.md shows otherwise than js/scaiauth.d.ts");
});
