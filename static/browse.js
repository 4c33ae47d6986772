// browse.js: the Catalog's Browse tab: GET {apiBase}/catalog through the
// module, which attaches the ScaiKey bearer. Read when the tab is shown and
// after a Publish, or on Refresh.

import { AuthError } from "/js/scaiauth.js";
import { showProblem } from "./refusals.js";
import { textElement } from "./text.js";

export class Browse {
  /** Whether the list must be read again before it is shown. */
  stale = true;
  #panel;
  #apiBase;
  #auth;
  #pending = null;

  /**
   * @param {HTMLElement} panel the Browse tab's panel
   * @param {string} apiBase
   * @param {() => import("/js/scaiauth.js").Auth | null} auth
   */
  constructor(panel, apiBase, auth) {
    this.#panel = panel;
    this.#apiBase = apiBase;
    this.#auth = auth;
    panel.querySelector("#browse-refresh").addEventListener("click", () => {
      this.stale = true;
      this.load();
    });
  }

  /** Reads the Catalog when the list is stale and the module allows it. */
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
      // The contract names a list; a {data: [...]} envelope, as the lookup
      // routes use, is read too.
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
  const item = textElement("li", "", "catalog-item");
  item.dataset.packageId = String(pkg.package_id ?? "");
  const text = textElement("div", "", "catalog-item-text");
  const heading = textElement("p", "", "catalog-item-name");
  heading.append(
    textElement("span", String(pkg.name ?? pkg.package_id)),
    textElement("span", String(pkg.version ?? ""), "version"),
  );
  const publisher = pkg.tenant_id ? "your tenant" : "ScaiFlow";
  text.append(
    heading,
    textElement("p", String(pkg.description ?? ""), "catalog-item-description"),
    textElement("p", `${String(pkg.package_id)} · published by ${publisher}`,
      "catalog-item-meta"),
  );
  item.append(text);
  return item;
}
