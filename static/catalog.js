// catalog.js: the Catalog dialog. Three tabs:
//
//   Examples  flows shipped as static files in /static/examples; open to
//             anyone, signed in or not, in either mode
//   Browse    GET  {apiBase}/catalog, through the module (ScaiKey only)
//   Publish   POST {apiBase}/catalog/publish with the current flow
//
// The module hides the tabs the mode does not offer (data-scai-tab) and
// disables the controls it does not allow (data-scai-action); this file
// fills the tabs and shows what went wrong, as text.

import { AuthError } from "/js/scaiauth.js";
import { showProblem } from "./refusals.js";

const EXAMPLES = "/static/examples/";
/** Example files are plain names in the examples directory. */
const EXAMPLE_FILE = /^[a-z0-9-]+\.json$/;
const DEFAULT_VERSION = "1.0.0";

/**
 * @param {{
 *   dialog: HTMLDialogElement,
 *   opener: HTMLElement,
 *   apiBase: string,
 *   flow: import("./flow.js").Flow,
 *   auth: () => import("/js/scaiauth.js").Auth | null,
 *   opened: (message: string) => void,
 * }} options
 * @returns {{render: () => void}}
 */
export function wireCatalog({ dialog, opener, apiBase, flow, auth, opened }) {
  const find = (selector) => {
    const found = dialog.querySelector(selector);
    if (!found) {
      throw new Error(`canvas: ${selector} is missing from the Catalog`);
    }
    return found;
  };
  const tabs = [...dialog.querySelectorAll('[role="tab"]')];
  const panels = [...dialog.querySelectorAll('[role="tabpanel"]')];
  const examples = new Examples(find("#examples"), find("#examples-problem"));
  const browse = new Browse(find("#panel-browse"), apiBase, auth);
  const publish = new Publish(find("#publish-form"), apiBase, flow, auth, () => {
    browse.stale = true;
  });

  const selectTab = (name) => {
    for (const tab of tabs) {
      const selected = tab.dataset.scaiTab === name;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    // Panels switch with data-selected, not `hidden`: `hidden` on these
    // elements belongs to the module, which hides the tabs a mode lacks.
    for (const panel of panels) {
      panel.toggleAttribute("data-selected", panel.dataset.scaiTab === name);
    }
    if (name === "browse") {
      browse.load();
    } else if (name === "publish") {
      publish.prefill();
    }
  };

  const keepSelectedTabVisible = () => {
    const selected = tabs.find((tab) => tab.getAttribute("aria-selected") === "true");
    if (!selected || selected.hidden) {
      const first = tabs.find((tab) => !tab.hidden);
      if (first) {
        selectTab(first.dataset.scaiTab);
      }
    }
  };

  opener.addEventListener("click", () => {
    keepSelectedTabVisible();
    examples.load();
    dialog.showModal();
  });
  for (const tab of tabs) {
    tab.addEventListener("click", () => selectTab(tab.dataset.scaiTab));
  }
  tabs[0].parentElement.addEventListener("keydown", (event) => {
    const visible = tabs.filter((tab) => !tab.hidden);
    const current = visible.indexOf(document.activeElement);
    const next = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0,
      End: visible.length - 1 }[event.key];
    if (current === -1 || next === undefined) {
      return;
    }
    event.preventDefault();
    const tab = visible[(next + visible.length) % visible.length];
    selectTab(tab.dataset.scaiTab);
    tab.focus();
  });
  find("#examples").addEventListener("click", async (event) => {
    const button = event.target.closest("[data-example]");
    if (button && await examples.open(button.dataset.example, flow)) {
      dialog.close();
      opened(`Opened the example “${flow.name}” as a new, unsaved flow.`);
    }
  });
  selectTab("examples");

  return {
    render() {
      keepSelectedTabVisible();
      const selected = tabs.find((tab) => tab.getAttribute("aria-selected") === "true");
      if (selected?.dataset.scaiTab === "browse" && dialog.open) {
        browse.load();
      }
    },
  };
}

/** The Examples tab: an index of shipped flows, loaded once. */
class Examples {
  #list;
  #problem;
  #loaded = null;

  constructor(list, problem) {
    this.#list = list;
    this.#problem = problem;
  }

  load() {
    this.#loaded ??= this.#fetchIndex().catch((error) => {
      this.#loaded = null;
      showProblem(this.#problem, exampleError(error));
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

  /** Loads one example into the flow; reports whether it did. */
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
      showProblem(this.#problem, exampleError(error));
      return false;
    }
  }
}

function exampleItem(entry) {
  const item = element("li", "", "catalog-item");
  const text = element("div", "", "catalog-item-text");
  text.append(
    element("p", String(entry.name ?? entry.file), "catalog-item-name"),
    element("p", String(entry.description ?? ""), "catalog-item-description"),
  );
  if (Number.isInteger(entry.nodes)) {
    text.append(element("p", `${entry.nodes} steps`, "catalog-item-meta"));
  }
  const open = element("button", "Open", "button");
  open.type = "button";
  open.dataset.example = entry.file;
  open.setAttribute("aria-label", `Open ${String(entry.name ?? entry.file)}`);
  item.append(text, open);
  return item;
}

/** The Browse tab: the tenant's Catalog, read when the tab is shown. */
class Browse {
  stale = true;
  #panel;
  #apiBase;
  #auth;
  #pending = null;

  constructor(panel, apiBase, auth) {
    this.#panel = panel;
    this.#apiBase = apiBase;
    this.#auth = auth;
    panel.querySelector("#browse-refresh").addEventListener("click", () => {
      this.stale = true;
      this.load();
    });
  }

  load() {
    const auth = this.#auth();
    if (!this.stale || this.#pending || !auth || !auth.can("catalog.browse").allowed) {
      return;
    }
    this.#pending = this.#fetch(auth).finally(() => {
      this.#pending = null;
    });
  }

  async #fetch(auth) {
    const list = this.#panel.querySelector("#packages");
    const status = this.#panel.querySelector("#browse-status");
    const problem = this.#panel.querySelector("#browse-problem");
    list.setAttribute("aria-busy", "true");
    status.textContent = "Loading the Catalog…";
    try {
      const reply = await auth.fetch(`${this.#apiBase}/catalog`);
      const body = await reply.json();
      const packages = Array.isArray(body) ? body : body?.data ?? [];
      list.replaceChildren(...packages.map(packageItem));
      status.textContent = packages.length === 0
        ? "The Catalog is empty."
        : `${packages.length} packages`;
      showProblem(problem, null);
      this.stale = false;
    } catch (error) {
      status.textContent = "";
      showProblem(problem, AuthError.from(error));
    } finally {
      list.removeAttribute("aria-busy");
    }
  }
}

function packageItem(pkg) {
  const item = element("li", "", "catalog-item");
  item.dataset.packageId = String(pkg.package_id ?? "");
  const text = element("div", "", "catalog-item-text");
  const heading = element("p", "", "catalog-item-name");
  heading.append(
    element("span", String(pkg.name ?? pkg.package_id), ""),
    element("span", String(pkg.version ?? ""), "version"),
  );
  const publisher = pkg.tenant_id ? "your tenant" : "ScaiFlow";
  text.append(
    heading,
    element("p", String(pkg.description ?? ""), "catalog-item-description"),
    element("p", `${String(pkg.package_id)} · published by ${publisher}`, "catalog-item-meta"),
  );
  item.append(text);
  return item;
}

/** The Publish tab: the current flow as a new version of a package. */
class Publish {
  #form;
  #apiBase;
  #flow;
  #auth;
  #published;
  #edited = false;
  #draftId = "";

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

  async #submit() {
    const auth = this.#auth();
    const status = this.#form.querySelector("#publish-status");
    const problem = this.#form.querySelector("#publish-problem");
    const submit = this.#form.querySelector('[type="submit"]');
    if (!auth || !auth.can("catalog.publish").allowed) {
      return;
    }
    const fields = this.#form.elements;
    const value = (name) => fields.namedItem(name).value.trim();
    const body = { package_id: value("package_id"), name: value("name"),
      version: value("version") };
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

    submit.setAttribute("aria-busy", "true");
    status.textContent = "Publishing…";
    try {
      const reply = await auth.fetch(`${this.#apiBase}/catalog/publish`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
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

async function getJSON(url) {
  const reply = await fetch(url, { credentials: "same-origin" });
  if (!reply.ok) {
    throw new Error(`${url} answered ${reply.status}`);
  }
  return reply.json();
}

function exampleError(error) {
  return new AuthError({
    code: "example_unavailable",
    message: "The example flows could not be loaded",
    fix: "Check that the canvas serves /static/examples/ and reload the page.",
    detail: String(error?.message ?? error),
  });
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) {
    node.className = className;
  }
  return node;
}
