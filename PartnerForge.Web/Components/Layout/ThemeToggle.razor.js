// Remembers the theme choice for a year (no value: forget it and follow the system again).
export function saveTheme(name, value) {
    const maxAge = value ? 60 * 60 * 24 * 365 : 0;
    document.cookie = `${name}=${value ?? ""}; path=/; max-age=${maxAge}; samesite=lax`;
}
