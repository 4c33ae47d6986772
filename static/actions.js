// actions.js: what the Flow panel's buttons do once the module allows them.
// Each returns the line the panel shows when it succeeded; failures are the
// AuthErrors of auth.fetch, shown by the caller.

/**
 * @param {string} apiBase
 * @param {import("./flow.js").Flow} flow
 */
export function flowActions(apiBase, flow) {
  return {
    save: {
      busy: "Saving…",
      // The first Save creates the flow; every later one updates it.
      async run(auth) {
        const update = flow.savedId !== null;
        const url = update
          ? `${apiBase}/flows/${encodeURIComponent(flow.savedId)}`
          : `${apiBase}/flows`;
        const reply = await auth.fetch(url, json(update ? "PUT" : "POST", flow.toSave()));
        const saved = await reply.json();
        flow.saved({ id: String(saved.id), revision: saved.revision });
        return update
          ? `Saved ${flow.savedId}, revision ${flow.revision}.`
          : `Saved as ${flow.savedId}.`;
      },
    },
    deploy: {
      busy: "Deploying…",
      // The module sends this route the dev token and nothing else.
      async run(auth) {
        const reply = await auth.fetch(`${apiBase}/dev/deploy`, json("POST", {
          content: flow.content,
        }));
        const deployed = await reply.json();
        return deployed?.core_id ? `Deployed as ${deployed.core_id}.` : "Deployed.";
      },
    },
    preview: {
      busy: "",
      async run() {
        return "Live preview arrives with the flow editor.";
      },
    },
    lookups: {
      busy: "",
      async run() {
        return "Lookups arrive with the flow editor.";
      },
    },
  };
}

function json(method, body) {
  return {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  };
}
