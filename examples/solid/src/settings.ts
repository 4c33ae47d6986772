// Where the app's sign-in settings come from: the deployment's config.json
// (the issuer and client differ per environment, so they are read at run
// time, not built in) and the exchange the user picked.

import type { MountOptions } from "@scaiflow/scaiauth";
// Vite copies both files into dist/assets under a content hash and hands
// back their URLs: they can be cached for good, and a new build of the
// module is a new URL.
import wasmUrl from "@scaiflow/scaiauth/scaiauth.wasm?url";
import wasmExecUrl from "@scaiflow/scaiauth/wasm_exec.js?url";

/** How the authorization code becomes tokens. */
export type Exchange = "bff" | "direct";

export const EXCHANGES: readonly Exchange[] = ["bff", "direct"];

/** The deployment's settings, public/config.json in this repository. */
export interface Deployment {
  /** The ScaiFlow API on this origin. */
  apiBase: string;
  /** The provider's issuer URL, for direct exchange. */
  issuer: string;
  /** The public client registered for this app, for direct exchange. */
  clientId: string;
}

/** The callback registered at the provider for this app, on its own origin. */
export const CALLBACK_PATH = "/auth/callback";

/**
 * The exchange survives the trip to the provider in sessionStorage: the
 * callback comes back without the page's query, and it must be finished
 * with the same client the sign-in started with.
 */
const EXCHANGE_KEY = "scaiauth-example.exchange";

/**
 * Reads config.json at the app's base, not next to the page: the callback
 * is a page one level down.
 */
export async function loadDeployment(): Promise<Deployment> {
  const reply = await fetch(`${import.meta.env.BASE_URL}config.json`);
  if (!reply.ok) {
    throw new Error(`config.json: HTTP ${reply.status}`);
  }
  const raw: Partial<Deployment> = await reply.json();
  return {
    apiBase: raw.apiBase ?? "/api/v1",
    issuer: raw.issuer ?? "",
    clientId: raw.clientId ?? "",
  };
}

/**
 * The exchange of this tab: `?exchange=` when the address names one, else
 * what the tab picked before, else the backend.
 */
export function chosenExchange(): Exchange {
  const asked = new URLSearchParams(location.search).get("exchange");
  const picked = isExchange(asked) ? asked : sessionStorage.getItem(EXCHANGE_KEY);
  const exchange = isExchange(picked) ? picked : "bff";
  sessionStorage.setItem(EXCHANGE_KEY, exchange);
  return exchange;
}

function isExchange(value: string | null): value is Exchange {
  return EXCHANGES.some((exchange) => exchange === value);
}

/** The options of mount() for one exchange. */
export function mountOptions(deployment: Deployment, exchange: Exchange): MountOptions {
  const common: MountOptions = {
    apiBase: deployment.apiBase,
    wasmUrl,
    wasmExecUrl,
    redirectUri: new URL(CALLBACK_PATH, location.origin).href,
    // The app renders from the change event; it has no data-scai-* markup.
    declarative: false,
  };
  if (exchange === "bff") {
    return { ...common, exchange };
  }
  return { ...common, exchange, issuer: deployment.issuer, clientId: deployment.clientId };
}
