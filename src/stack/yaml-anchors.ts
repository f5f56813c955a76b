/**
 * Which node each alias of a YAML document stands for, found in one walk.
 *
 * The yaml package's `Alias.resolve(doc)` walks the document from its start
 * up to the alias on every call, so a file that uses its anchors often (a
 * `<<: *defaults` in each of 57 services, as sentry's self-hosted file does)
 * cost a quadratic number of visits: most of `tsd config`'s time on such
 * files. One walk in document order gives every alias the anchor last
 * defined before it, which is what YAML (and `resolve`) mean.
 */
import { type Document, isAlias, type Node, visit } from "yaml";

/** Every alias of `document`, mapped to the node it refers to (absent: an unknown anchor). */
export function aliasTargets(document: Document): Map<Node, Node> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Node, Node>();
  visit(document, {
    Node(_key, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) targets.set(node, target);
        return;
      }
      // Pre-order: an anchored collection is known before its own children, as in `resolve`.
      if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}
