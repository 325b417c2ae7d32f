// Remembers this browser's theme choice for a year ("light", "dark" or "system").
export function saveTheme(name, value) {
    document.cookie = `${name}=${value}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
}
