// Clicking the one-time secret selects all of it, ready to copy (no inline handler: the CSP allows no inline script).
export function selectOnClick(input) {
    input?.addEventListener("click", () => input.select());
}
