// Catalog → Browse: the tenant's packages, GET /v1/catalog, a second call
// that needs the bearer.

import { createResource, For, Match, Switch } from "solid-js";
import { AuthError, type Auth } from "@scaiflow/scaiauth";

/** One package of GET /v1/catalog, the fields shown here. */
interface Package {
  package_id: string;
  name: string;
  version: string;
}

export function CatalogBrowse(props: { auth: Auth; apiBase: string }) {
  const [packages] = createResource(async () => {
    const reply = await props.auth.fetch(`${props.apiBase}/catalog`);
    return (await reply.json()) as Package[];
  });

  return (
    <Switch fallback={<p>Loading the catalog…</p>}>
      <Match when={packages.error}>
        {(error) => <p id="catalog-error">{AuthError.from(error()).message}</p>}
      </Match>
      <Match when={packages()}>
        {(list) => (
          <ul id="packages">
            <For each={list()}>
              {(p) => <li data-package={p.package_id}>{p.name} {p.version}</li>}
            </For>
          </ul>
        )}
      </Match>
    </Switch>
  );
}
