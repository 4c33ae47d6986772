// surface.js: shows the current flow on the canvas surface: its name (which
// the person can edit), whether it is saved, and its steps in order with
// where each one leads. Text only, never markup: flows come from the
// backend and from other people's packages.

import { textElement } from "./text.js";

/**
 * @param {import("./flow.js").Flow} flow
 * @param {HTMLElement} surface the element holding the parts below
 */
export function showFlow(flow, surface) {
  const parts = {
    name: part(surface, "#flow-name"),
    state: part(surface, "#flow-state"),
    description: part(surface, "#flow-description"),
    steps: part(surface, "#flow-steps"),
    empty: part(surface, "#flow-empty"),
  };

  parts.name.addEventListener("change", () => flow.rename(parts.name.value));
  parts.name.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      parts.name.blur();
    }
  });

  const render = () => {
    surface.dataset.draftId = flow.draftId;
    surface.dataset.savedId = flow.savedId ?? "";
    if (document.activeElement !== parts.name) {
      parts.name.value = flow.name;
    }
    parts.state.textContent = flow.savedId
      ? `Saved as ${flow.savedId} · revision ${flow.revision}`
      : "Not saved";
    parts.state.dataset.saved = String(flow.savedId !== null);
    parts.description.textContent = flow.description;
    parts.description.hidden = flow.description === "";
    parts.steps.replaceChildren(...stepItems(flow));
    parts.empty.hidden = flow.nodes.length > 0;
  };
  flow.onChange(render);
  render();
}

/** One card per node, in the flow's order, with where it leads. */
function stepItems(flow) {
  const nodes = flow.nodes;
  const labels = new Map(nodes.map((node) => [node.id, text(node.label ?? node.id)]));
  return nodes.map((node, index) => {
    const item = textElement("li", "", "step");
    // The line from the card above is drawn only where an edge runs.
    const previous = nodes[index - 1]?.id;
    item.toggleAttribute(
      "data-joined",
      flow.edges.some((edge) => edge?.from === previous && edge?.to === node.id),
    );
    const card = textElement("div", "", "step-card");
    card.append(
      textElement("span", text(node.type ?? "step"), "step-type"),
      textElement("span", labels.get(node.id), "step-label"),
    );
    item.append(card);

    const next = nodes[index + 1]?.id;
    const outgoing = flow.edges.filter((edge) => edge?.from === node.id);
    const plain = outgoing.length === 1 && outgoing[0].to === next && !outgoing[0].label;
    if (outgoing.length > 0 && !plain) {
      const links = textElement("ul", "", "step-links");
      for (const edge of outgoing) {
        const target = labels.get(edge.to) ?? text(edge.to);
        const label = edge.label ? `${text(edge.label)}: ` : "";
        links.append(textElement("li", `${label}${target}`, "step-link"));
      }
      item.append(links);
    }
    return item;
  });
}

function text(value) {
  return String(value ?? "");
}

function part(root, selector) {
  const found = root.querySelector(selector);
  if (!found) {
    throw new Error(`canvas: ${selector} is missing from the surface`);
  }
  return found;
}
