import { describe, expect, it } from "vitest";
import type { PlainValue } from "@/lib/formats";
import { canonical, changeLabel, isStale, staleness, type RunBasis } from "./stale";

const config = (resources: PlainValue[], client: PlainValue = { base_url: "https://x" }): PlainValue => ({ client, resources });
const basis = (value: PlainValue | null, more: Partial<RunBasis> = {}): RunBasis => ({
  value,
  target: "mock",
  maxPages: "",
  secrets: {},
  ...more,
});
const posts = { name: "posts", endpoint: { path: "/posts" } };
const comments = { name: "comments", endpoint: { path: "/posts/{resources.posts.id}/comments" } };
const ran = [
  { name: "posts", parent: null },
  { name: "comments", parent: "posts" },
];

describe("staleness", () => {
  it("nothing is stale when only key order or whitespace changed", () => {
    const before = basis(config([posts, comments]));
    const now = basis({ resources: [{ endpoint: { path: "/posts" }, name: "posts" }, comments], client: { base_url: "https://x" } });
    const s = staleness(before, now, ran);
    expect(isStale(s)).toBe(false);
    expect(changeLabel(s, "posts")).toBeNull();
  });

  it("a changed parent makes its child stale too", () => {
    const s = staleness(basis(config([posts, comments])), basis(config([{ ...posts, endpoint: { path: "/v2/posts" } }, comments])), ran);
    expect(s.resources.get("posts")).toEqual({ kind: "changed", why: "its entry changed" });
    expect(changeLabel(s, "comments")).toBe("changed since the run (its parent posts changed)");
  });

  it("a renamed resource is labelled with its new name; a deleted one as removed", () => {
    const renamed = staleness(basis(config([posts, comments])), basis(config([{ ...posts, name: "articles" }, comments])), ran);
    expect(renamed.resources.get("posts")).toEqual({ kind: "renamed", to: "articles" });
    expect(changeLabel(renamed, "posts")).toBe("renamed to articles since the run");
    const removed = staleness(basis(config([posts, comments])), basis(config([posts])), ran);
    expect(removed.resources.get("comments")).toEqual({ kind: "removed" });
  });

  it("a rename with a change at the same place is still a rename", () => {
    const s = staleness(
      basis(config([posts, comments])),
      basis(config([{ name: "articles", endpoint: { path: "/articles" } }, comments])),
      ran,
    );
    expect(s.resources.get("posts")).toEqual({ kind: "renamed", to: "articles" });
  });

  it("target, page limit, secrets and shared keys are global reasons", () => {
    const before = basis(config([posts]), { secrets: { api_key: "a" } });
    const s = staleness(
      before,
      basis(config([posts], { base_url: "https://y" }), { target: "live", maxPages: "2", secrets: { api_key: "b" } }),
      ran,
    );
    expect(s.global).toEqual(["the target is now Live", "the page limit changed", "secret values changed", "client changed"]);
    expect(changeLabel(s, "posts")).toBe("stale: the run's inputs changed");
    // Emptied secret fields are the same as never filled.
    expect(staleness(basis(config([posts]), { secrets: {} }), basis(config([posts]), { secrets: { api_key: "" } }), ran).global).toEqual(
      [],
    );
  });

  it("an unreadable config is reported once, without guessing per resource", () => {
    const s = staleness(basis(config([posts])), basis(null), ran);
    expect(s.global).toEqual(["the config cannot be read now"]);
    expect(s.resources.size).toBe(0);
  });
});

describe("canonical", () => {
  it("sorts keys at every level", () => {
    expect(canonical({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
  });
});
