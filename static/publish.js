// publish.js: the Catalog's Publish tab: the current flow as a version of a
// package, POST {apiBase}/catalog/publish through the module. A saved flow
// is published by its id, an unsaved one by its content.

import { AuthError } from "/js/scaiauth.js";
import { showProblem } from "./refusals.js";

const DEFAULT_VERSION = "1.0.0";

export class Publish {
  #form;
  #apiBase;
  #flow;
  #auth;
  #published;
  #edited = false;
  #draftId = "";

  /**
   * @param {HTMLFormElement} form
   * @param {string} apiBase
   * @param {import("./flow.js").Flow} flow
   * @param {() => import("/js/scaiauth.js").Auth | null} auth
   * @param {() => void} published called after each version published
   */
  constructor(form, apiBase, flow, auth, published) {
    this.#form = form;
    this.#apiBase = apiBase;
    this.#flow = flow;
    this.#auth = auth;
    this.#published = published;
    form.addEventListener("input", () => {
      this.#edited = true;
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#submit();
    });
    flow.onChange(() => {
      // Another flow opened: propose names from it again.
      if (this.#draftId !== flow.draftId) {
        this.#draftId = flow.draftId;
        this.#edited = false;
      }
      this.prefill();
    });
  }

  /** Proposes names from the current flow until the person types their own. */
  prefill() {
    const fields = this.#form.elements;
    fields.namedItem("source").value = this.#flow.savedId
      ? `${this.#flow.name} (saved as ${this.#flow.savedId})`
      : `${this.#flow.name} (not saved: its content is sent)`;
    if (this.#edited) {
      return;
    }
    fields.namedItem("package_id").value = packageIdFor(this.#flow.name);
    fields.namedItem("name").value = this.#flow.name;
    fields.namedItem("version").value = DEFAULT_VERSION;
    fields.namedItem("description").value = this.#flow.description;
  }

  /** The body of POST /v1/catalog/publish, from the form and the flow. */
  #body() {
    const fields = this.#form.elements;
    const value = (name) => fields.namedItem(name).value.trim();
    const body = {
      package_id: value("package_id"),
      name: value("name"),
      version: value("version"),
    };
    for (const optional of ["description", "readme"]) {
      if (value(optional) !== "") {
        body[optional] = value(optional);
      }
    }
    if (this.#flow.savedId) {
      body.flow_id = this.#flow.savedId;
    } else {
      body.content = this.#flow.content;
    }
    return body;
  }

  async #submit() {
    const auth = this.#auth();
    if (!auth || !auth.can("catalog.publish").allowed) {
      return;
    }
    const status = this.#form.querySelector("#publish-status");
    const problem = this.#form.querySelector("#publish-problem");
    const submit = this.#form.querySelector('[type="submit"]');
    submit.setAttribute("aria-busy", "true");
    status.textContent = "Publishing…";
    try {
      const reply = await auth.fetch(`${this.#apiBase}/catalog/publish`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(this.#body()),
      });
      const pkg = await reply.json();
      status.textContent = `Published ${pkg.name} ${pkg.version} to the Catalog.`;
      showProblem(problem, null);
      this.#published();
    } catch (error) {
      status.textContent = "";
      showProblem(problem, AuthError.from(error));
    } finally {
      submit.removeAttribute("aria-busy");
    }
  }
}

/** A package id the backend accepts, made from a flow's name. */
function packageIdFor(name) {
  const slug = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "").slice(0, 64).replace(/-+$/, "");
  return slug.length >= 2 ? slug : "my-flow";
}
