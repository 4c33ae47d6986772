// The Catalog's tabs as the module allows them: Examples always, Browse
// and Publish only in scaikey mode. The app asks catalogTabs() on every
// change instead of hiding markup the module would mark.

import { createSignal, For, Match, Switch } from "solid-js";
import type { Auth, CatalogTab } from "@scaiflow/scaiauth";
import { CatalogBrowse } from "./CatalogBrowse";

const LABELS: Record<CatalogTab, string> = {
  examples: "Examples",
  browse: "Browse",
  publish: "Publish",
};

interface CatalogTabsProps {
  auth: Auth;
  apiBase: string;
  tabs: readonly CatalogTab[];
}

export function CatalogTabs(props: CatalogTabsProps) {
  const [picked, setPicked] = createSignal<CatalogTab>("examples");
  // A tab the mode no longer offers falls back to the first one.
  const shown = () => (props.tabs.includes(picked()) ? picked() : props.tabs[0]);

  return (
    <section class="catalog" id="catalog">
      <h2>Catalog</h2>
      <div role="tablist" id="catalog-tabs">
        <For each={props.tabs}>
          {(tab) => (
            <button type="button" role="tab" data-tab={tab} id={`tab-${tab}`}
              aria-selected={shown() === tab} onClick={() => setPicked(tab)}>
              {LABELS[tab]}
            </button>
          )}
        </For>
      </div>
      <div role="tabpanel" data-panel={shown()}>
        <Switch>
          <Match when={shown() === "examples"}>
            <p>Examples ship with the app and work in every mode.</p>
          </Match>
          <Match when={shown() === "browse"}>
            <CatalogBrowse auth={props.auth} apiBase={props.apiBase} />
          </Match>
          <Match when={shown() === "publish"}>
            <p>Publishing needs a flow; this example has none to publish.</p>
          </Match>
        </Switch>
      </div>
    </section>
  );
}
