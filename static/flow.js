// flow.js: the flow the canvas holds — its name, description and content,
// and, once saved, the id the backend gave it.
//
// Every flow that is opened or started gets a fresh draft id, so opening the
// same example twice gives two flows, and a flow opened from an example is
// created on its first Save instead of overwriting anything.

const EMPTY_CONTENT = Object.freeze({ nodes: [], edges: [] });

export class Flow {
  /** A random id for this draft; never sent to the backend. */
  draftId = "";
  /** The backend's id after the first Save, or null. */
  savedId = null;
  /** The backend's revision after the last Save, or 0. */
  revision = 0;
  name = "Untitled flow";
  description = "";
  content = EMPTY_CONTENT;

  #listeners = new Set();

  constructor() {
    this.draftId = freshId();
  }

  /**
   * Replaces the flow with a document such as a shipped example:
   * {name, description?, content: {nodes, edges}}. Its own id, if any, is
   * not kept.
   */
  open(document) {
    this.draftId = freshId();
    this.savedId = null;
    this.revision = 0;
    this.name = nonEmpty(document?.name) ?? "Untitled flow";
    this.description = nonEmpty(document?.description) ?? "";
    this.content = structuredClone(document?.content ?? EMPTY_CONTENT);
    this.#changed();
  }

  rename(name) {
    this.name = name.trim() === "" ? "Untitled flow" : name.trim();
    this.#changed();
  }

  /** Records what the backend answered to a Save. */
  saved({ id, revision }) {
    this.savedId = id;
    this.revision = Number.isInteger(revision) ? revision : this.revision + 1;
    this.#changed();
  }

  /** The body of POST /v1/flows and PUT /v1/flows/{id}. */
  toSave() {
    const body = { name: this.name, content: this.content };
    if (this.description !== "") {
      body.description = this.description;
    }
    return body;
  }

  get nodes() {
    return Array.isArray(this.content?.nodes) ? this.content.nodes : [];
  }

  get edges() {
    return Array.isArray(this.content?.edges) ? this.content.edges : [];
  }

  /** Calls fn after every change; returns a function that stops it. */
  onChange(fn) {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #changed() {
    for (const fn of [...this.#listeners]) {
      fn(this);
    }
  }
}

function freshId() {
  return `draft-${crypto.randomUUID()}`;
}

function nonEmpty(value) {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}
