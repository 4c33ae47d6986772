// The module's state as a Solid signal, fed by the "change" event alone.

import { createSignal, onCleanup, type Accessor } from "solid-js";
import type { Auth, AuthError, CatalogTab, Mode, User } from "@scaiflow/scaiauth";

/** What the app renders; one value per change of the module. */
export interface Session {
  readonly ready: boolean;
  readonly mode: Mode | null;
  readonly user: User | null;
  readonly signedIn: boolean;
  readonly error: AuthError | null;
  readonly tabs: readonly CatalogTab[];
}

/** Reads the instance as it is now. */
function read(auth: Auth): Session {
  return {
    ready: auth.ready,
    mode: auth.mode,
    user: auth.user,
    signedIn: auth.signedIn,
    error: auth.lastError,
    tabs: auth.catalogTabs(),
  };
}

/**
 * Follows the module: starts from its state at mount and takes every
 * change after it. Must run inside a component, which owns the listener.
 */
export function createSession(auth: Auth): Accessor<Session> {
  const [session, setSession] = createSignal(read(auth));
  const stop = auth.on("change", (_state, changed) => setSession(read(changed)));
  onCleanup(stop);
  return session;
}
