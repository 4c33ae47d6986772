// catalog.js: the Catalog dialog and its three tabs:
//
//   Examples  flows shipped as static files (examples.js); open to anyone,
//             signed in or not, in either mode
//   Browse    GET  {apiBase}/catalog through the module (browse.js)
//   Publish   POST {apiBase}/catalog/publish with the current flow
//             (publish.js)
//
// The module hides the tabs the mode does not offer (data-scai-tab) and
// disables the controls it does not allow (data-scai-action); this file
// switches between the tabs that are left.

import { Browse } from "./browse.js";
import { Examples } from "./examples.js";
import { Publish } from "./publish.js";

/**
 * @param {{
 *   dialog: HTMLDialogElement,
 *   opener: HTMLElement,
 *   apiBase: string,
 *   flow: import("./flow.js").Flow,
 *   auth: () => import("/js/scaiauth.js").Auth | null,
 *   opened: (message: string) => void,
 * }} options
 * @returns {{render: () => void}} render follows the module's state
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

  const selected = () => tabs.find((tab) => tab.getAttribute("aria-selected") === "true");
  const selectTab = (name) => {
    for (const tab of tabs) {
      const chosen = tab.dataset.scaiTab === name;
      tab.setAttribute("aria-selected", String(chosen));
      tab.tabIndex = chosen ? 0 : -1;
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
    const current = selected();
    const first = tabs.find((tab) => !tab.hidden);
    if ((!current || current.hidden) && first) {
      selectTab(first.dataset.scaiTab);
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
    const next = {
      ArrowLeft: current - 1,
      ArrowRight: current + 1,
      Home: 0,
      End: visible.length - 1,
    }[event.key];
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
      if (dialog.open && selected()?.dataset.scaiTab === "browse") {
        browse.load();
      }
    },
  };
}
