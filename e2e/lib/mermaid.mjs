// Counting the Mermaid diagrams a docs page has drawn.
//
// Material for MkDocs draws each diagram into a *closed* shadow root, which
// page scripts and Playwright's locators cannot enter. The DevTools protocol
// can: DOM.getDocument with `pierce` lists closed shadow roots too.

/**
 * The diagrams drawn on the page: one { roleDescription, text } per SVG found
 * in the shadow root of a `div.mermaid`. roleDescription names the kind of
 * diagram ("flowchart-v2", "sequence"), or "error" for Mermaid's own picture
 * of a diagram it could not parse.
 */
export async function drawnDiagrams(page) {
  const devtools = await page.context().newCDPSession(page);
  try {
    const { root } = await devtools.send("DOM.getDocument", {
      depth: -1,
      pierce: true,
    });

    return mermaidHosts(root)
      .flatMap((host) => host.shadowRoots ?? [])
      .flatMap((shadowRoot) => shadowRoot.children ?? [])
      .filter((child) => child.nodeName.toLowerCase() === "svg")
      .map((svg) => ({
        roleDescription: attribute(svg, "aria-roledescription"),
        text: textOf(svg).trim(),
      }));
  } finally {
    await devtools.detach();
  }
}

function mermaidHosts(node) {
  const here =
    node.nodeName === "DIV" && classesOf(node).includes("mermaid") ? [node] : [];
  const below = (node.children ?? []).flatMap(mermaidHosts);

  return [...here, ...below];
}

function classesOf(node) {
  return (attribute(node, "class") ?? "").split(/\s+/);
}

// CDP lists attributes as a flat [name, value, name, value...] array.
function attribute(node, name) {
  const attributes = node.attributes ?? [];
  const index = attributes.findIndex((item, at) => at % 2 === 0 && item === name);

  return index === -1 ? null : attributes[index + 1];
}

// The words a reader sees: text nodes, leaving out the diagram's stylesheet.
function textOf(node) {
  if (node.nodeType === 3) return node.nodeValue;
  if (node.nodeName.toLowerCase() === "style") return "";

  return (node.children ?? []).map(textOf).join(" ");
}
