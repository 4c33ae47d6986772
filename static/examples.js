// examples.js: the Catalog's Examples tab. The examples are static files
// shipped with the canvas, /static/examples/index.json and one JSON file
// per flow, so they need no sign-in and work in either mode.

import { AuthError } from "/js/scaiauth.js";
import { showProblem } from "./refusals.js";
import { textElement } from "./text.js";

const EXAMPLES = "/static/examples/";
/** Example files are plain names in the examples directory. */
const EXAMPLE_FILE = /^[a-z0-9-]+\.json$/;

export class Examples {
  #list;
  #problem;
  #loaded = null;

  /**
   * @param {HTMLElement} list where the examples are listed
   * @param {HTMLElement} problem where a failure to load them shows
   */
  constructor(list, problem) {
    this.#list = list;
    this.#problem = problem;
  }

  /** Lists the examples, once; a failure is shown and tried again next time. */
  load() {
    this.#loaded ??= this.#fetchIndex().catch((error) => {
      this.#loaded = null;
      showProblem(this.#problem, unavailable(error));
    });
    return this.#loaded;
  }

  async #fetchIndex() {
    this.#list.setAttribute("aria-busy", "true");
    try {
      const index = await getJSON(`${EXAMPLES}index.json`);
      const entries = Array.isArray(index?.examples) ? index.examples : [];
      const usable = entries.filter((entry) => EXAMPLE_FILE.test(String(entry?.file)));
      this.#list.replaceChildren(...usable.map(exampleItem));
      showProblem(this.#problem, null);
    } finally {
      this.#list.removeAttribute("aria-busy");
    }
  }

  /**
   * Opens one example as a new flow; reports whether it did.
   *
   * @param {string} file
   * @param {import("./flow.js").Flow} flow
   */
  async open(file, flow) {
    if (!EXAMPLE_FILE.test(file)) {
      return false;
    }
    try {
      const document = await getJSON(EXAMPLES + file);
      if (!Array.isArray(document?.content?.nodes)) {
        throw new Error(`${file} holds no flow`);
      }
      flow.open(document);
      showProblem(this.#problem, null);
      return true;
    } catch (error) {
      showProblem(this.#problem, unavailable(error));
      return false;
    }
  }
}

function exampleItem(entry) {
  const name = String(entry.name ?? entry.file);
  const item = textElement("li", "", "catalog-item");
  const text = textElement("div", "", "catalog-item-text");
  text.append(
    textElement("p", name, "catalog-item-name"),
    textElement("p", String(entry.description ?? ""), "catalog-item-description"),
  );
  if (Number.isInteger(entry.nodes)) {
    text.append(textElement("p", `${entry.nodes} steps`, "catalog-item-meta"));
  }
  const open = textElement("button", "Open", "button");
  open.type = "button";
  open.dataset.example = entry.file;
  open.setAttribute("aria-label", `Open ${name}`);
  item.append(text, open);
  return item;
}

async function getJSON(url) {
  const reply = await fetch(url, { credentials: "same-origin" });
  if (!reply.ok) {
    throw new Error(`${url} answered ${reply.status}`);
  }
  return reply.json();
}

function unavailable(error) {
  return new AuthError({
    code: "example_unavailable",
    message: "The example flows could not be loaded",
    fix: "Check that the canvas serves /static/examples/ and reload the page.",
    detail: String(error?.message ?? error),
  });
}
