// How a result's sections are put together (pure; tested under Node). The generic result gives an
// ordered list of sections `{id, node}`; a renderer returns sections it adds or replaces:
//   {id, node}                       replaces the section `id` (node null: removes it), or, if there
//                                    is none, is added at the end;
//   {id, node, after: X | before: X} is added after / before the section X (or at the end if absent).
// Nothing edits another module's nodes: each section is built by the module that returns it.

export function compose(base, changes = []) {
  const sections = base.map((section) => ({ ...section }));
  for (const change of changes) {
    const at = sections.findIndex((section) => section.id === change.id);
    if (at !== -1 && change.after === undefined && change.before === undefined) {
      sections[at] = { id: change.id, node: change.node };
      continue;
    }
    if (at !== -1) sections.splice(at, 1); // moved
    const entry = { id: change.id, node: change.node };
    const anchorId = change.after ?? change.before;
    const anchor = anchorId === undefined ? -1 : sections.findIndex((section) => section.id === anchorId);
    if (anchor === -1) sections.push(entry);
    else sections.splice(change.after !== undefined ? anchor + 1 : anchor, 0, entry);
  }
  return sections.filter((section) => section.node !== null && section.node !== undefined);
}
