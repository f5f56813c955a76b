/**
 * A log line's ANSI colours as spans (anser parses the escapes; the colours
 * are set through the DOM's style object, which the Content-Security-Policy
 * allows, never as inline style attributes).
 */
import Anser from "anser";
import { html } from "./html.js";

/** The line, coloured, with no escape characters left. */
export function AnsiText(props: { readonly text: string }) {
  if (!props.text.includes("\u001b")) return html`<span>${props.text}</span>`;
  // The 16 basic colours as classes (app.css gives each a light and a dark shade); others as colours.
  const parts = Anser.ansiToJson(props.text, { json: true, remove_empty: true, use_classes: true });
  return html`<span>${parts.map((part) => {
    const style: Record<string, string> = {};
    const classes = part.decorations.map((decoration) => `ansi-${decoration}`);
    if (part.fg) {
      if (part.fg.startsWith("ansi-")) classes.push(`${part.fg}-fg`);
      else style.color = `rgb(${part.fg})`;
    }
    if (part.bg) {
      if (part.bg.startsWith("ansi-")) classes.push(`${part.bg}-bg`);
      else style.backgroundColor = `rgb(${part.bg})`;
    }
    return html`<span class=${classes.join(" ")} style=${style}>${part.content}</span>`;
  })}</span>`;
}
