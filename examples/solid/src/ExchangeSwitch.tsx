// Picks bff or direct exchange. A session belongs to the client that
// started it, so the switch waits until the user has signed out.

import { For } from "solid-js";
import { EXCHANGES, type Exchange } from "./settings";

const LABELS: Record<Exchange, string> = {
  bff: "Through the backend (bff)",
  direct: "At the provider (direct)",
};

interface ExchangeSwitchProps {
  current: Exchange;
  locked: boolean;
}

export function ExchangeSwitch(props: ExchangeSwitchProps) {
  return (
    <nav class="exchange" aria-label="Code exchange">
      <For each={EXCHANGES}>
        {(exchange) => (
          <a
            href={`/?exchange=${exchange}`}
            id={`exchange-${exchange}`}
            aria-current={exchange === props.current ? "page" : undefined}
            aria-disabled={props.locked && exchange !== props.current ? "true" : undefined}
            title={props.locked ? "Sign out to switch the exchange" : undefined}
          >
            {LABELS[exchange]}
          </a>
        )}
      </For>
    </nav>
  );
}
