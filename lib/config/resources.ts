/** Names of the resources a (possibly invalid) document defines, in order. */
export function resourceNames(value: unknown): string[] {
  if (typeof value !== "object" || value === null) return [];
  const list = (value as { resources?: unknown }).resources;
  if (!Array.isArray(list)) return [];
  return list
    .map((r) =>
      typeof r === "string"
        ? r
        : typeof r === "object" && r !== null && typeof (r as { name?: unknown }).name === "string"
          ? (r as { name: string }).name
          : null,
    )
    .filter((n): n is string => n !== null && n.length > 0);
}
