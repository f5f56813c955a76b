/** htm bound to preact (htm/preact): tagged templates instead of JSX, so the page needs no JSX toolchain. */
export { html } from "htm/preact";
