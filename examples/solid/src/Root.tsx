// Waits for mount() and shows either the app or why the module could not
// start at all (a failed sign-in still mounts: it is the app's lastError).

import { createSignal, Match, Switch } from "solid-js";
import { AuthError, type Auth } from "@scaiflow/scaiauth";
import { App } from "./App";
import type { Deployment, Exchange } from "./settings";

interface RootProps {
  started: Promise<Auth>;
  deployment: Promise<Deployment>;
  exchange: Exchange;
}

export function Root(props: RootProps) {
  const [ready, setReady] = createSignal<{ auth: Auth; deployment: Deployment }>();
  const [failure, setFailure] = createSignal<AuthError>();

  Promise.all([props.started, props.deployment]).then(
    ([auth, deployment]) => setReady({ auth, deployment }),
    (error: unknown) => setFailure(AuthError.from(error)),
  );

  return (
    <Switch fallback={<main id="page" data-state="loading"><p>Loading sign-in…</p></main>}>
      <Match when={ready()}>
        {(it) => (
          <App auth={it().auth} apiBase={it().deployment.apiBase} exchange={props.exchange} />
        )}
      </Match>
      <Match when={failure()}>
        {(error) => (
          <main id="page" data-state="error">
            <p class="error" id="error">
              <strong>{error().message}</strong> {error().fix}
            </p>
          </main>
        )}
      </Match>
    </Switch>
  );
}
